"""The network API a board offers its guest modules: Wi-Fi association, DNS, TCP and UDP.

Three backends implement it (``hal.net.open_network``): ``sim`` (a scenario-defined access
point and internet on the board's virtual clock), ``host`` (real sockets, only to an allowlist)
and ``none`` (no access point exists).  Conventions:

* Errors are ``OSError(errno)`` with Linux numbers (what MicroPython's and CircuitPython's lwIP
  ports raise): ``ETIMEDOUT`` 110, ``ECONNREFUSED`` 111, ``EHOSTUNREACH`` 113, ``ENOTCONN`` 107,
  ``ECONNRESET`` 104.  A name that does not resolve raises :class:`ResolveError`; a failed
  association :class:`AssociationError` with a ``reason`` (``"no_ap"`` or ``"auth"``).
* Streams never block by themselves: ``recv`` returns ``None`` when nothing has arrived yet;
  waiting is ``wait_readable(timeout_ns)``, which the sim spends on the board clock (through
  ``Network.sleep_ns``, which the VM may replace so that its timers run while a socket waits).
* Every event (association, DNS query, connect, bytes sent/received, HTTP request line and
  status, MQTT publish, NTP answer) is recorded in the board's trace as kind ``"net"``.
"""

from __future__ import annotations

import errno as _errno
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

ETIMEDOUT = _errno.ETIMEDOUT
ECONNREFUSED = _errno.ECONNREFUSED
EHOSTUNREACH = _errno.EHOSTUNREACH
ENOTCONN = _errno.ENOTCONN
ECONNRESET = _errno.ECONNRESET

#: What a blocking wait on the sim spends, at most, with nothing scheduled that could end it:
#: the sim's TCP gives up after this much silence (ETIMEDOUT) instead of hanging the host.
IDLE_LIMIT_NS = 60_000_000_000


class ResolveError(Exception):
    """A DNS name did not resolve (unknown, or a scenario-scripted DNS failure)."""

    def __init__(self, host: str) -> None:
        super().__init__(host)
        self.host = host


class AssociationError(Exception):
    """Joining an access point failed: ``reason`` is ``"no_ap"`` or ``"auth"``."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class AccessPoint:
    ssid: str
    bssid: bytes
    channel: int
    rssi: int
    authmode: str  # "open", "wpa2" (what the scenario's password implies unless given)
    hidden: bool = False


@dataclass
class IPConfig:
    ip: str = "0.0.0.0"
    netmask: str = "0.0.0.0"
    gateway: str = "0.0.0.0"
    dns: str = "0.0.0.0"


class Stream(ABC):
    """One TCP connection (already established)."""

    peer: tuple[str, int]

    @abstractmethod
    def send(self, data: bytes) -> int: ...

    @abstractmethod
    def recv(self, n: int) -> bytes | None:
        """Up to ``n`` bytes; ``b""`` at end of stream; ``None`` if nothing has arrived yet."""

    @abstractmethod
    def wait_readable(self, timeout_ns: int | None) -> bool:
        """Wait until ``recv`` would not return None; False when the time ran out."""

    @abstractmethod
    def start_tls(self, server_hostname: str | None) -> None: ...

    @abstractmethod
    def close(self) -> None: ...


class Datagram(ABC):
    """One UDP endpoint."""

    @abstractmethod
    def sendto(self, data: bytes, addr: tuple[str, int]) -> int: ...

    @abstractmethod
    def recvfrom(self, n: int) -> tuple[bytes, tuple[str, int]] | None: ...

    @abstractmethod
    def wait_readable(self, timeout_ns: int | None) -> bool: ...

    @abstractmethod
    def close(self) -> None: ...


class Network(ABC):
    """A board's Wi-Fi radio and the network behind it."""

    kind: str
    mac: bytes = bytes.fromhex("28cdc1000001")

    def __init__(self, clock: Any, trace: Any) -> None:
        self.clock = clock
        self.trace = trace
        self.associated: str | None = None
        self.ipconfig = IPConfig()
        #: how waits spend time; the VM sets its own (timers and soft IRQs run while waiting)
        self.sleep_ns: Callable[[int], None] = clock.sleep_ns
        self.open: list[Any] = []  # the streams and datagram sockets the guest has open

    def record(self, signal: str, value: str, **data: Any) -> None:
        self.trace.record("net", signal, value, data or None)

    @abstractmethod
    def scan(self) -> list[AccessPoint]: ...

    @abstractmethod
    def associate(self, ssid: str, password: str | None) -> None:
        """Join ``ssid``; raises AssociationError.  Sets ``associated`` and ``ipconfig``."""

    def disassociate(self) -> None:
        if self.associated is not None:
            self.record("wifi", f"disassociate {self.associated}")
        self.associated = None
        self.ipconfig = IPConfig()

    @abstractmethod
    def resolve(self, host: str) -> str:
        """The IPv4 address of ``host`` (dotted text); raises ResolveError."""

    @abstractmethod
    def connect_tcp(self, ip: str, port: int, timeout_ns: int | None) -> Stream: ...

    @abstractmethod
    def open_udp(self) -> Datagram: ...

    def close(self) -> None:
        """Close everything the guest left open."""
        for s in list(self.open):
            s.close()


def is_ipv4(text: str) -> bool:
    parts = text.split(".")
    return len(parts) == 4 and all(p.isdigit() and int(p) < 256 and p == str(int(p)) for p in parts)
