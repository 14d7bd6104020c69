"""The simulated internet's servers: HTTP(S) endpoints, TCP/UDP echo, an MQTT 3.1.1 broker, NTP.

A server ``accept``s a :class:`hal.net.sim.SimStream` and gets its bytes through ``on_data``;
it answers with ``stream.deliver(bytes, delay_ns)`` (the host's latency) and ends the connection
with ``stream.finish(delay_ns)``.  UDP servers answer ``datagram(bytes)`` with a callable that
builds the reply when it lands (NTP reads the clock then).
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from http import HTTPStatus
from typing import TYPE_CHECKING

from hal.sim.netscenario import HttpEndpoint, Service

if TYPE_CHECKING:
    from hal.net.sim import SimNetwork, SimStream

NTP_DELTA = 2_208_988_800  # seconds from 1900-01-01 (NTP era 0) to 1970-01-01


def build_servers(net: SimNetwork) -> None:
    """Register every server the scenario describes in ``net.servers`` by (ip, port, proto)."""
    for ep in net.cfg.http:
        ip = net.host(ep.host).address
        server = net.servers.get((ip, ep.port, "tcp"))
        if not isinstance(server, HttpServer):
            server = net.servers[(ip, ep.port, "tcp")] = HttpServer(net, ip, ep.tls)
        server.endpoints.append(ep)
    for svc in net.cfg.services:
        ip = net.host(svc.host).address
        if svc.kind == "echo":
            net.servers[(ip, svc.port, "udp" if svc.udp else "tcp")] = EchoServer(net, ip, svc)
        else:
            net.servers[(ip, svc.port, "tcp")] = MqttBroker(net, ip, svc)
    for name in net.cfg.ntp:
        ip = net.host(name).address
        net.servers[(ip, 123, "udp")] = NtpServer(net, ip)


class HttpServer:
    def __init__(self, net: SimNetwork, ip: str, tls: bool) -> None:
        self.net, self.ip, self.tls = net, ip, tls
        self.endpoints: list[HttpEndpoint] = []
        self.latency_ns = None

    def accept(self, stream: SimStream) -> HttpConnection:
        return HttpConnection(self, stream)

    def find(self, method: str, path: str) -> HttpEndpoint | int:
        """The endpoint for a request, else 405 (path known, method not) or 404."""
        bare = path.split("?", 1)[0]
        for match in (lambda e: e.path == path, lambda e: e.path.split("?", 1)[0] == bare):
            hits = [e for e in self.endpoints if match(e)]
            if hits:
                return next((e for e in hits if e.method == method), 405)
        return 404


class HttpConnection:
    def __init__(self, server: HttpServer, stream: SimStream) -> None:
        self.server, self.stream = server, stream
        self.tls = server.tls
        self.buf = bytearray()

    def on_data(self, data: bytes) -> None:
        if self.server.tls and not self.stream.tls:
            self.stream.finish(0, reset=True)  # plain text to a TLS port: the server hangs up
            return
        self.buf += data
        while True:
            head_end = self.buf.find(b"\r\n\r\n")
            if head_end < 0:
                return
            head = bytes(self.buf[:head_end]).decode("latin-1").split("\r\n")
            headers = {}
            for line in head[1:]:
                k, _, v = line.partition(":")
                headers[k.strip().lower()] = v.strip()
            length = int(headers.get("content-length", "0"))  # a bad one: protocol error
            if length < 0:
                raise ValueError("negative Content-Length")
            end = head_end + 4 + length
            if len(self.buf) < end:
                return
            body = bytes(self.buf[head_end + 4:end])
            del self.buf[:end]
            self.respond(head[0], headers, body)

    def respond(self, line: str, headers: dict[str, str], body: bytes) -> None:
        parts = line.split()
        method, path, version = (parts + ["", "", ""])[:3]
        found = self.server.find(method.upper(), path) if len(parts) == 3 else 400
        net = self.server.net
        latency = net.latency(self.server.ip, found.latency_ns if not isinstance(found, int) else None)
        status = found if isinstance(found, int) else found.status
        fail = None if isinstance(found, int) else found.fail
        host = headers.get("host", self.server.ip)
        net.record("http", f"{method} {path} -> {fail or status}", host=host,
                   body=body.decode("utf-8", "replace")[:4096])
        if fail == "timeout":
            return
        if fail == "reset":
            self.stream.finish(latency, reset=True)
            return
        closing = version == "HTTP/1.0" or headers.get("connection", "").lower() == "close"
        self.stream.deliver(self.response(found, closing), latency)
        if closing:
            self.stream.finish(latency)

    def response(self, found: HttpEndpoint | int, closing: bool) -> bytes:
        if isinstance(found, int):
            phrase = HTTPStatus(found).phrase
            status, headers, body = found, {"Content-Type": "text/plain"}, phrase.encode()
        else:
            status, headers, body = found.status, dict(found.headers), found.body
        try:
            phrase = HTTPStatus(status).phrase
        except ValueError:
            phrase = "Unknown"
        lines = [f"HTTP/1.1 {status} {phrase}", "Server: jitvm-sim"]
        lines += [f"{k}: {v}" for k, v in headers.items() if k.lower() != "content-length"]
        lines.append(f"Content-Length: {len(body)}")
        lines.append("Connection: close" if closing else "Connection: keep-alive")
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


class EchoServer:
    tls = False

    def __init__(self, net: SimNetwork, ip: str, svc: Service) -> None:
        self.net, self.ip = net, ip
        self.latency_ns = svc.latency_ns

    def accept(self, stream: SimStream) -> EchoServer._Conn:
        return EchoServer._Conn(self, stream)

    class _Conn:
        tls = False

        def __init__(self, server: EchoServer, stream: SimStream) -> None:
            self.server, self.stream = server, stream

        def on_data(self, data: bytes) -> None:
            self.stream.deliver(data, self.server.net.latency(self.server.ip, self.server.latency_ns))

    def datagram(self, data: bytes) -> Callable[[], bytes]:
        return lambda: data


class NtpServer:
    """Answers NTP v3/v4 client requests with the virtual clock's time (the scenario's epoch)."""

    latency_ns = None

    def __init__(self, net: SimNetwork, ip: str) -> None:
        self.net, self.ip = net, ip

    def now_ntp(self) -> tuple[int, int]:
        ns = self.net.cfg.epoch_s * 1_000_000_000 + self.net.clock.now()
        secs, frac = divmod(ns, 1_000_000_000)
        return secs + NTP_DELTA, (frac << 32) // 1_000_000_000

    def datagram(self, data: bytes) -> Callable[[], bytes] | None:
        if len(data) < 48 or data[0] & 7 != 3:  # mode 3: client
            return None
        received = self.now_ntp()
        originate = data[40:48]

        def reply() -> bytes:
            secs, frac = self.now_ntp()
            self.net.record("ntp", f"answer {secs - NTP_DELTA}", epoch=secs - NTP_DELTA)
            version = (data[0] >> 3) & 7
            return (bytes([(version << 3) | 4, 1, data[2], 0xE9]) + bytes(8) + b"GPS\x00"
                    + struct.pack(">II", *received) + originate + struct.pack(">II", *received)
                    + struct.pack(">II", secs, frac))
        return reply


from hal.net.mqtt import MqttBroker  # noqa: E402 - the broker imports nothing from here
