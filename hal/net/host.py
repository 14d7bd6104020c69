"""``--net host``: real sockets through the host, only to the ``--net-allow HOST:PORT`` entries.

Nothing else is reachable, localhost included: DNS answers only for allowlisted names, and a
connect or datagram to any other address:port raises ``OSError(ECONNREFUSED)``.  The Wi-Fi side
is pretend: one access point (``jitvm-host``, open, or any SSID/key) stands for the host's link.
"""

from __future__ import annotations

import select
import socket
import ssl
import time
from typing import Any

from hal.api import HalError
from hal.net.api import (
    ECONNREFUSED,
    ECONNRESET,
    EHOSTUNREACH,
    ENOTCONN,
    ETIMEDOUT,
    AccessPoint,
    Datagram,
    IPConfig,
    Network,
    ResolveError,
    Stream,
    is_ipv4,
)

HOST_SSID = "jitvm-host"
SEND_TIMEOUT_S = 30.0  # a peer that stops reading fails the send instead of hanging the run


def parse_allow(entries: list[str] | tuple[str, ...]) -> list[tuple[str, int]]:
    """``HOST:PORT`` texts -> (host, port); a bad entry raises HalError (one line)."""
    out = []
    for e in entries:
        host, sep, port = e.rpartition(":")
        if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
            raise HalError(f"--net-allow {e!r}: expected HOST:PORT (e.g. example.com:443)")
        out.append((host.lower(), int(port)))
    return out


class HostNetwork(Network):
    kind = "host"

    def __init__(self, clock: Any, trace: Any, allow: list[tuple[str, int]]) -> None:
        super().__init__(clock, trace)
        self.allow = allow
        self.addresses: dict[str, set[str]] = {}  # allowlisted name -> its resolved addresses

    def scan(self) -> list[AccessPoint]:
        return [AccessPoint(HOST_SSID, b"\x02\x00\x00\x00\x00\x01", 1, -40, "open")]

    def associate(self, ssid: str, password: str | None) -> None:
        self.associated = ssid
        self.ipconfig = IPConfig("10.0.2.15", "255.255.255.0", "10.0.2.2", "10.0.2.3")
        self.record("wifi", f"associate {ssid}: ok (host network)")

    def resolve(self, host: str) -> str:
        if self.associated is None:
            raise ResolveError(host)
        if is_ipv4(host):
            return host
        key = host.lower()
        if not any(h == key for h, _ in self.allow):
            self.record("dns", f"{host}: not in --net-allow")
            raise ResolveError(host)
        try:
            infos = socket.getaddrinfo(key, None, socket.AF_INET, socket.SOCK_STREAM)
        except OSError:
            self.record("dns", f"{host}: not found")
            raise ResolveError(host) from None
        addrs = [i[4][0] for i in infos]
        self.addresses.setdefault(key, set()).update(addrs)
        self.record("dns", f"{host} -> {addrs[0]}")
        return addrs[0]

    def allowed(self, ip: str, port: int) -> bool:
        for host, p in self.allow:
            if p == port and (host == ip or ip in self.addresses.get(host, ())):
                return True
        return False

    def connect_tcp(self, ip: str, port: int, timeout_ns: int | None) -> Stream:
        where = f"{ip}:{port}"
        if self.associated is None:
            raise OSError(EHOSTUNREACH, "no network")
        if not self.allowed(ip, port):
            self.record("tcp", f"connect {where}: refused (not in --net-allow)")
            raise OSError(ECONNREFUSED, "not in --net-allow")
        try:
            sock = socket.create_connection((ip, port), None if timeout_ns is None else timeout_ns / 1e9)
        except TimeoutError:
            raise OSError(ETIMEDOUT, "timed out") from None
        except ConnectionRefusedError:
            raise OSError(ECONNREFUSED, "connection refused") from None
        except OSError:
            raise OSError(EHOSTUNREACH, "unreachable") from None
        sock.setblocking(False)
        s = HostStream(self, sock, (ip, port))
        self.open.append(s)
        self.record("tcp", f"connect {where}")
        return s

    def open_udp(self) -> Datagram:
        d = HostDatagram(self)
        self.open.append(d)
        return d



#: a wait on a host socket looks up at least this often, so that the VM's Ctrl-C and --timeout
#: (delivered to the guest's thread between host calls) are not held up by a silent peer
WAIT_SLICE_S = 0.1


def _wait_fd(sock: Any, timeout_ns: int | None) -> bool:
    if isinstance(sock, ssl.SSLSocket) and sock.pending():
        return True
    end = None if timeout_ns is None else time.monotonic() + max(0.0, timeout_ns / 1e9)
    while True:
        left = WAIT_SLICE_S if end is None else min(WAIT_SLICE_S, max(0.0, end - time.monotonic()))
        r, _, _ = select.select([sock], [], [], left)
        if r:
            return True
        if end is not None and time.monotonic() >= end:
            return False


class HostStream(Stream):
    def __init__(self, net: HostNetwork, sock: socket.socket, peer: tuple[str, int]) -> None:
        self.net, self.sock, self.peer = net, sock, peer
        self.closed = False

    def send(self, data: bytes) -> int:
        if self.closed:
            raise OSError(ENOTCONN, "closed")
        try:
            self.sock.settimeout(SEND_TIMEOUT_S)
            self.sock.sendall(data)
        except TimeoutError:
            raise OSError(ETIMEDOUT, "send timed out") from None
        except OSError:
            raise OSError(ECONNRESET, "connection reset") from None
        finally:
            self.sock.setblocking(False)
        self.net.record("tcp", f"send {self.peer[0]}:{self.peer[1]} {len(data)} bytes", bytes=len(data))
        return len(data)

    def recv(self, n: int) -> bytes | None:
        if self.closed:
            raise OSError(ENOTCONN, "closed")
        try:
            data = self.sock.recv(n)
        except (BlockingIOError, ssl.SSLWantReadError):
            return None
        except OSError:
            raise OSError(ECONNRESET, "connection reset") from None
        self.net.record("tcp", f"recv {self.peer[0]}:{self.peer[1]} {len(data)} bytes", bytes=len(data))
        return data

    def wait_readable(self, timeout_ns: int | None) -> bool:
        return self.closed or _wait_fd(self.sock, timeout_ns)

    def start_tls(self, server_hostname: str | None) -> None:
        ctx = ssl.create_default_context()
        self.sock.setblocking(True)
        try:
            self.sock = ctx.wrap_socket(self.sock, server_hostname=server_hostname)
        except (OSError, ssl.SSLError):
            raise OSError(ECONNRESET, "TLS handshake failed") from None
        finally:
            self.sock.setblocking(False)
        self.net.record("tls", f"handshake {self.peer[0]}:{self.peer[1]} ({server_hostname})")

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            self.sock.close()
            if self in self.net.open:
                self.net.open.remove(self)
            self.net.record("tcp", f"close {self.peer[0]}:{self.peer[1]}")


class HostDatagram(Datagram):
    def __init__(self, net: HostNetwork) -> None:
        self.net = net
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.setblocking(False)
        self.closed = False

    def sendto(self, data: bytes, addr: tuple[str, int]) -> int:
        if not self.net.allowed(*addr):
            self.net.record("udp", f"sendto {addr[0]}:{addr[1]}: refused (not in --net-allow)")
            raise OSError(ECONNREFUSED, "not in --net-allow")
        self.net.record("udp", f"sendto {addr[0]}:{addr[1]} {len(data)} bytes", bytes=len(data))
        return self.sock.sendto(data, addr)

    def recvfrom(self, n: int) -> tuple[bytes, tuple[str, int]] | None:
        while True:
            try:
                data, addr = self.sock.recvfrom(n)
            except BlockingIOError:
                return None
            if self.net.allowed(addr[0], addr[1]):  # datagrams from other peers are dropped
                return data, (addr[0], addr[1])

    def wait_readable(self, timeout_ns: int | None) -> bool:
        return self.closed or _wait_fd(self.sock, timeout_ns)

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            self.sock.close()
            if self in self.net.open:
                self.net.open.remove(self)
