"""The simulated network: access points and an internet from the scenario, on the virtual clock.

Deterministic: no host network is touched.  Each host has a latency (virtual time charged for a
connect, a DNS answer, a reply); servers (HTTP, echo, MQTT, NTP: ``hal.net.servers``) answer
by scheduling bytes on the board clock, which the guest's waits then reach.
"""

from __future__ import annotations

import struct
from collections import deque
from collections.abc import Callable
from typing import Any

from hal.net.api import (
    ECONNREFUSED,
    ECONNRESET,
    EHOSTUNREACH,
    ENOTCONN,
    ETIMEDOUT,
    IDLE_LIMIT_NS,
    AccessPoint,
    AssociationError,
    Datagram,
    IPConfig,
    Network,
    ResolveError,
    Stream,
    is_ipv4,
)
from hal.sim.netscenario import HostConfig, NetConfig

ASSOCIATE_NS = 800_000_000  # a join with DHCP, roughly what a CYW43/ESP32 takes
AUTH_FAIL_NS = 2_000_000_000  # a wrong key is noticed after the 4-way handshake times out
DNS_NS = 5_000_000
#: SYN retries before a blocking connect to a silent host gives up (lwIP's order of magnitude)
CONNECT_GIVE_UP_NS = 18_000_000_000


class SimNetwork(Network):
    kind = "sim"

    def __init__(self, clock: Any, trace: Any, config: NetConfig | None = None,
                 *, radio: bool = True) -> None:
        super().__init__(clock, trace)
        from hal.net.servers import build_servers

        self.cfg = config or NetConfig()
        self.radio = radio  # False: --net none, no access point exists
        self.names: dict[str, HostConfig] = {}
        self.by_ip: dict[str, HostConfig] = {}
        for key, h in self.cfg.hosts.items():
            if h.address:
                self.names[key] = h
        for key, h in self.cfg.hosts.items():
            if not h.address:  # the next free 203.0.113.x, in the scenario's order
                h.address = self._free_address()
                self.names[key] = h
        self.servers: dict[tuple[str, int, str], Any] = {}
        build_servers(self)
        for h in self.names.values():
            self.by_ip.setdefault(h.address, h)

    # -- the address book ---------------------------------------------------------------
    def host(self, name: str) -> HostConfig:
        """The host ``name`` (created with the next free 203.0.113.x address if new)."""
        key = name.lower()
        h = self.names.get(key)
        if h is None:
            h = self.names[key] = HostConfig(name, self._free_address(), self.cfg.latency_ns)
            self.by_ip.setdefault(h.address, h)
        return h

    def _free_address(self) -> str:
        used = {x.address for x in self.names.values()}
        n = next(k for k in range(10, 255) if f"203.0.113.{k}" not in used)
        return f"203.0.113.{n}"

    def latency(self, ip: str, own: int | None = None) -> int:
        if own is not None:
            return own
        h = self.by_ip.get(ip)
        return self.cfg.latency_ns if h is None else h.latency_ns

    # -- Wi-Fi ---------------------------------------------------------------------------
    def scan(self) -> list[AccessPoint]:
        self.sleep_ns(100_000_000)
        aps = [] if not self.radio else [
            AccessPoint(a.ssid, a.bssid, a.channel, a.rssi, "wpa2" if a.password else "open",
                        a.hidden) for a in self.cfg.aps]
        self.record("wifi", f"scan: {len(aps)} networks")
        return aps

    def associate(self, ssid: str, password: str | None) -> None:
        ap = next((a for a in self.cfg.aps if a.ssid == ssid), None) if self.radio else None
        if ap is None:
            self.sleep_ns(AUTH_FAIL_NS)
            self.record("wifi", f"associate {ssid}: no network with that ssid")
            raise AssociationError("no_ap")
        if (password or "") != ap.password:
            self.sleep_ns(AUTH_FAIL_NS)
            self.record("wifi", f"associate {ssid}: authentication failure")
            raise AssociationError("auth")
        self.sleep_ns(ASSOCIATE_NS)
        self.associated = ssid
        c = self.cfg
        self.ipconfig = IPConfig(c.ip, c.netmask, c.gateway, c.dns)
        self.record("wifi", f"associate {ssid}: ok, ip {c.ip}", rssi=ap.rssi, channel=ap.channel)

    # -- DNS -----------------------------------------------------------------------------
    def resolve(self, host: str) -> str:
        if is_ipv4(host):
            return host
        if self.associated is None:
            self.record("dns", f"{host}: no network")
            raise ResolveError(host)
        self.sleep_ns(DNS_NS)
        h = self.names.get(host.lower())
        if h is None or h.fail == "dns":
            self.record("dns", f"{host}: not found")
            raise ResolveError(host)
        self.record("dns", f"{host} -> {h.address}")
        return h.address

    # -- TCP -----------------------------------------------------------------------------
    def connect_tcp(self, ip: str, port: int, timeout_ns: int | None) -> Stream:
        where = f"{ip}:{port}"
        if self.associated is None:
            self.record("tcp", f"connect {where}: no network")
            raise OSError(EHOSTUNREACH, "no network")
        h = self.by_ip.get(ip)
        server = self.servers.get((ip, port, "tcp"))
        if h is not None and h.fail == "timeout":
            limit = CONNECT_GIVE_UP_NS if timeout_ns is None else min(timeout_ns, CONNECT_GIVE_UP_NS)
            self.sleep_ns(limit)
            self.record("tcp", f"connect {where}: timed out")
            raise OSError(ETIMEDOUT, "connect timed out")
        self.sleep_ns(self.latency(ip))  # SYN, SYN-ACK
        if server is None or (h is not None and h.fail == "refused"):
            self.record("tcp", f"connect {where}: refused")
            raise OSError(ECONNREFUSED, "connection refused")
        stream = SimStream(self, (ip, port), server)
        self.open.append(stream)
        self.record("tcp", f"connect {where}")
        return stream

    def open_udp(self) -> Datagram:
        d = SimDatagram(self)
        self.open.append(d)
        return d


    # -- waiting -------------------------------------------------------------------------
    def wait(self, ready: Callable[[], bool], timeout_ns: int | None) -> bool:
        """Spend virtual time until ``ready()`` or the timeout (a blocking wait: IDLE_LIMIT_NS)."""
        clock = self.clock
        start = clock.now()
        end = start + (IDLE_LIMIT_NS if timeout_ns is None else max(0, timeout_ns))
        while not ready():
            now = clock.now()
            if now >= end:
                return False
            nxt = clock.next_event_ns()
            target = end if nxt is None else max(now + 1, min(nxt, end))
            self.sleep_ns(target - now)
        return True


class SimStream(Stream):
    """A TCP connection to a simulated server; the server's replies land in ``rx`` on time."""

    def __init__(self, net: SimNetwork, peer: tuple[str, int], server: Any) -> None:
        self.net = net
        self.peer = peer
        self.rx = bytearray()
        self.eof = False  # the server closed its side
        self.reset = False
        self.closed = False
        self.tls = False
        self.sent = 0
        self.received = 0
        self.handler = server.accept(self)

    @property
    def where(self) -> str:
        return f"{self.peer[0]}:{self.peer[1]}"

    # the server side
    def deliver(self, data: bytes, delay_ns: int) -> None:
        def land() -> None:
            if not self.closed:
                self.rx += data
        self.net.clock.call_later(delay_ns, land)

    def finish(self, delay_ns: int, reset: bool = False) -> None:
        def end() -> None:
            self.eof = True
            self.reset = reset
        self.net.clock.call_later(delay_ns, end)

    # the board side
    def send(self, data: bytes) -> int:
        if self.closed:
            raise OSError(ENOTCONN, "closed")
        if self.reset:
            raise OSError(ECONNRESET, "connection reset")
        if self.eof:
            return len(data)  # the peer has gone; bytes vanish as into a half-closed socket
        self.sent += len(data)
        self.net.record("tcp", f"send {self.where} {len(data)} bytes", bytes=len(data))
        try:
            self.handler.on_data(bytes(data))
        except (struct.error, IndexError, ValueError, UnicodeError):
            # what a real server does with bytes it cannot parse: it hangs up
            self.net.record("tcp", f"{self.where}: protocol error, the server resets")
            self.finish(self.net.latency(self.peer[0]), reset=True)
        return len(data)

    def recv(self, n: int) -> bytes | None:
        if self.closed:
            raise OSError(ENOTCONN, "closed")
        if self.rx:
            out = bytes(self.rx[:n])
            del self.rx[:n]
            self.received += len(out)
            self.net.record("tcp", f"recv {self.where} {len(out)} bytes", bytes=len(out))
            return out
        if self.reset:
            raise OSError(ECONNRESET, "connection reset")
        return b"" if self.eof else None

    def wait_readable(self, timeout_ns: int | None) -> bool:
        return self.net.wait(lambda: bool(self.rx) or self.eof or self.closed, timeout_ns)

    def start_tls(self, server_hostname: str | None) -> None:
        self.net.sleep_ns(2 * self.net.latency(self.peer[0]))
        if not getattr(self.handler, "tls", False):
            self.net.record("tls", f"handshake {self.where} ({server_hostname}): no TLS server")
            self.reset = True
            raise OSError(ECONNRESET, "TLS handshake failed")
        self.tls = True
        self.net.record("tls", f"handshake {self.where} ({server_hostname})")

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            self.net.record("tcp", f"close {self.where}: sent {self.sent}, received "
                                   f"{self.received} bytes", sent=self.sent, received=self.received)
            if self in self.net.open:
                self.net.open.remove(self)
            closer = getattr(self.handler, "on_close", None)
            if closer is not None:
                closer()


class SimDatagram(Datagram):
    def __init__(self, net: SimNetwork) -> None:
        self.net = net
        self.rx: deque[tuple[bytes, tuple[str, int]]] = deque()
        self.closed = False

    def sendto(self, data: bytes, addr: tuple[str, int]) -> int:
        if self.net.associated is None:
            raise OSError(EHOSTUNREACH, "no network")
        ip, port = addr
        self.net.record("udp", f"sendto {ip}:{port} {len(data)} bytes", bytes=len(data))
        server = self.net.servers.get((ip, port, "udp"))
        if server is not None:
            reply = server.datagram(bytes(data))
            if reply is not None:
                def land(reply=reply) -> None:
                    if not self.closed:
                        self.rx.append((reply(), (ip, port)))
                self.net.clock.call_later(2 * self.net.latency(ip, server.latency_ns), land)
        return len(data)

    def recvfrom(self, n: int) -> tuple[bytes, tuple[str, int]] | None:
        if not self.rx:
            return None
        data, addr = self.rx.popleft()
        self.net.record("udp", f"recvfrom {addr[0]}:{addr[1]} {len(data)} bytes", bytes=len(data))
        return data[:n], addr

    def wait_readable(self, timeout_ns: int | None) -> bool:
        return self.net.wait(lambda: bool(self.rx) or self.closed, timeout_ns)

    def close(self) -> None:
        self.closed = True
        if self in self.net.open:
            self.net.open.remove(self)
