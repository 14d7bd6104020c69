"""A simulated MQTT 3.1.1 broker: CONNECT, PUBLISH (QoS 0/1/2), SUBSCRIBE, UNSUBSCRIBE, PINGREQ,
DISCONNECT; records every publish; delivers retained and scenario-scripted messages to
subscribers (a scripted message goes out at its ``at`` time, or at once if that has passed)."""

from __future__ import annotations

import struct
from typing import TYPE_CHECKING

from hal.sim.netscenario import Service

if TYPE_CHECKING:
    from hal.net.sim import SimNetwork, SimStream

CONNECT, CONNACK, PUBLISH, PUBACK, PUBREC, PUBREL, PUBCOMP = 1, 2, 3, 4, 5, 6, 7
SUBSCRIBE, SUBACK, UNSUBSCRIBE, UNSUBACK, PINGREQ, PINGRESP, DISCONNECT = 8, 9, 10, 11, 12, 13, 14


def topic_matches(pattern: str, topic: str) -> bool:
    """MQTT filter matching with ``+`` (one level) and ``#`` (the rest)."""
    p, t = pattern.split("/"), topic.split("/")
    for i, part in enumerate(p):
        if part == "#":
            return True
        if i >= len(t) or (part != "+" and part != t[i]):
            return False
    return len(p) == len(t)


def packet(kind: int, flags: int, body: bytes) -> bytes:
    n, length = len(body), bytearray()
    while True:
        n, digit = divmod(n, 128)
        length.append(digit | (0x80 if n else 0))
        if not n:
            break
    return bytes([kind << 4 | flags]) + bytes(length) + body


def _string(data: bytes, at: int) -> tuple[str, int]:
    (n,) = struct.unpack_from(">H", data, at)
    return data[at + 2:at + 2 + n].decode("utf-8", "replace"), at + 2 + n


class MqttBroker:
    def __init__(self, net: SimNetwork, ip: str, svc: Service) -> None:
        self.net, self.ip, self.svc = net, ip, svc
        self.tls = svc.tls
        self.clients: list[MqttSession] = []
        self.retained: dict[str, bytes] = {}
        self.published: list[tuple[str, bytes]] = []

    def accept(self, stream: SimStream) -> MqttSession:
        session = MqttSession(self, stream)
        self.clients.append(session)
        return session

    @property
    def latency(self) -> int:
        return self.net.latency(self.ip, self.svc.latency_ns)

    def route(self, topic: str, payload: bytes, retain: bool) -> None:
        self.published.append((topic, payload))
        if retain:
            self.retained[topic] = payload
        for c in self.clients:
            if c.connected and any(topic_matches(f, topic) for f in c.filters):
                c.send_publish(topic, payload, 0)


class MqttSession:
    def __init__(self, broker: MqttBroker, stream: SimStream) -> None:
        self.broker, self.stream = broker, stream
        self.tls = broker.tls
        self.buf = bytearray()
        self.connected = False
        self.client_id = ""
        self.filters: list[str] = []
        self.scripted_sent: set[int] = set()

    def on_close(self) -> None:
        if self in self.broker.clients:
            self.broker.clients.remove(self)

    def on_data(self, data: bytes) -> None:
        if self.broker.tls and not self.stream.tls:
            self.stream.finish(0, reset=True)
            return
        self.buf += data
        while len(self.buf) >= 2:
            n, mult, i = 0, 1, 1
            while True:
                if i >= len(self.buf):
                    return
                if i > 4:
                    raise ValueError("malformed remaining length")  # at most 4 bytes in 3.1.1
                b = self.buf[i]
                n += (b & 0x7F) * mult
                mult *= 128
                i += 1
                if not b & 0x80:
                    break
            if len(self.buf) < i + n:
                return
            head, body = self.buf[0], bytes(self.buf[i:i + n])
            del self.buf[:i + n]
            self.handle(head >> 4, head & 15, body)

    def reply(self, data: bytes) -> None:
        self.stream.deliver(data, self.broker.latency)

    def handle(self, kind: int, flags: int, body: bytes) -> None:
        net = self.broker.net
        if kind != CONNECT and not self.connected:
            raise ValueError("the first packet must be CONNECT")  # the broker hangs up
        if kind == CONNECT:
            self.connect(body)
        elif kind == PUBLISH:
            self.publish(flags, body)
        elif kind == PUBREL:
            self.reply(packet(PUBCOMP, 0, body[:2]))
        elif kind == SUBSCRIBE:
            self.subscribe(body)
        elif kind == UNSUBSCRIBE:
            at = 2
            while at < len(body):
                f, at = _string(body, at)
                if f in self.filters:
                    self.filters.remove(f)
            self.reply(packet(UNSUBACK, 0, body[:2]))
        elif kind == PINGREQ:
            net.record("mqtt", f"ping {self.client_id}")
            self.reply(packet(PINGRESP, 0, b""))
        elif kind == DISCONNECT:
            net.record("mqtt", f"disconnect {self.client_id}")
            self.connected = False
            self.stream.finish(0)

    def connect(self, body: bytes) -> None:
        name, at = _string(body, 0)
        level, flags = body[at], body[at + 1]
        at += 4  # level, flags, keep-alive
        self.client_id, at = _string(body, at)
        if flags & 0x04:  # will topic and message
            _, at = _string(body, at)
            _, at = _string(body, at)
        user = password = None
        if flags & 0x80:
            user, at = _string(body, at)
        if flags & 0x40:
            password, at = _string(body, at)
        svc = self.broker.svc
        rc = 0
        if name != "MQTT" or level != 4:
            rc = 1  # unacceptable protocol version
        elif svc.username is not None and (user, password) != (svc.username, svc.password):
            rc = 4  # bad user name or password
        self.broker.net.record("mqtt", f"connect {self.client_id}: rc {rc}", user=user)
        self.connected = rc == 0
        self.reply(packet(CONNACK, 0, bytes([0, rc])))
        if rc:
            self.stream.finish(self.broker.latency)

    def publish(self, flags: int, body: bytes) -> None:
        qos, retain = (flags >> 1) & 3, bool(flags & 1)
        topic, at = _string(body, 0)
        pid = body[at:at + 2] if qos else b""
        payload = body[at + len(pid):]
        self.broker.net.record("mqtt", f"publish {topic}: {payload.decode('utf-8', 'replace')}",
                               topic=topic, qos=qos, retain=retain, bytes=len(payload))
        if qos == 1:
            self.reply(packet(PUBACK, 0, pid))
        elif qos == 2:
            self.reply(packet(PUBREC, 0, pid))
        self.broker.route(topic, payload, retain)

    def subscribe(self, body: bytes) -> None:
        pid, at, granted, new = body[:2], 2, bytearray(), []
        while at < len(body):
            f, at = _string(body, at)
            qos = body[at]
            at += 1
            granted.append(min(qos, 1))
            new.append(f)
            if f not in self.filters:
                self.filters.append(f)
            self.broker.net.record("mqtt", f"subscribe {self.client_id}: {f}", qos=qos)
        self.reply(packet(SUBACK, 0, pid + bytes(granted)))
        for topic, payload in self.broker.retained.items():
            if any(topic_matches(f, topic) for f in new):
                self.send_publish(topic, payload, 0, retain=True)
        clock = self.broker.net.clock
        for k, (topic, payload, when, retain) in enumerate(self.broker.svc.messages):
            if k in self.scripted_sent or not any(topic_matches(f, topic) for f in new):
                continue
            self.scripted_sent.add(k)
            delay = max(0, when - clock.now())
            clock.call_later(delay, lambda t=topic, p=payload: self.send_publish(t, p, 0))

    def send_publish(self, topic: str, payload: bytes, delay_ns: int, retain: bool = False) -> None:
        if self.stream.closed or not self.connected:
            return
        t = topic.encode()
        self.broker.net.record("mqtt", f"deliver {topic} to {self.client_id}", topic=topic)
        self.stream.deliver(packet(PUBLISH, int(retain), struct.pack(">H", len(t)) + t + payload),
                            delay_ns + self.broker.latency)
