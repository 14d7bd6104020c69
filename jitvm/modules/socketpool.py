"""Guest module `socketpool` (CircuitPython): SocketPool(wifi.radio) and its Socket objects over the
board's network (``--net sim|host|none``).

As CircuitPython's raspberrypi (Pico W) port: ``getaddrinfo`` returns
``[(2, 1, 0, '', ('a.b.c.d', port))]``; an unknown name raises
``gaierror(-2, 'Name or service not known')`` (``SocketPool.gaierror``, an OSError); a timed-out
connect or read raises ``OSError(110)`` (ETIMEDOUT), a non-blocking read with nothing there
``OSError(11)`` (EAGAIN).  ``connect`` takes a host name or an address.
"""

from __future__ import annotations

from typing import Any

from jitvm.gexc import GUEST_EXC
from jitvm.modules import _hw, _net

__all__ = ["Socket", "SocketPool", "gaierror"]


class gaierror(GUEST_EXC["OSError"]):
    """Errors raised by getaddrinfo (and by connect when the name does not resolve)."""


def _resolve(host: Any) -> str:
    from hal.net.api import ResolveError

    if not isinstance(host, str):
        raise TypeError(f"can't convert {_hw.type_name(host)} to str")
    try:
        return _net.resolve(host)
    except ResolveError:
        raise gaierror(SocketPool.EAI_NONAME, "Name or service not known") from None


def _address(addr: Any) -> tuple[str, int]:
    if not isinstance(addr, tuple) or len(addr) != 2:
        raise TypeError("address must be a tuple (host, port)")
    if not isinstance(addr[1], int):
        raise TypeError(f"can't convert {_hw.type_name(addr[1])} to int")
    return _resolve(addr[0]), addr[1]


class SocketPool:
    """SocketPool(radio): a pool of sockets on ``wifi.radio``."""

    def __repr__(self) -> str:
        return "<SocketPool>"

    AF_INET, AF_INET6 = 2, 10
    SOCK_STREAM, SOCK_DGRAM, SOCK_RAW = 1, 2, 3
    SOL_SOCKET, SO_REUSEADDR, TCP_NODELAY, IP_MULTICAST_TTL = 0xFFF, 4, 1, 5
    IPPROTO_IP, IPPROTO_ICMP, IPPROTO_TCP, IPPROTO_UDP = 0, 1, 6, 17
    IPPROTO_IPV6, IPPROTO_RAW = 41, 255
    EAI_NONAME = -2
    gaierror = gaierror

    def __init__(self, radio: Any) -> None:
        from jitvm.modules.wifi import Radio

        if not isinstance(radio, Radio):
            raise TypeError(f"radio must be of type Radio, not {_hw.type_name(radio)}")

    def socket(self, family: int = 2, type: int = 1, proto: int = 0) -> Socket:
        if family not in (2, 10):
            raise ValueError("Invalid family")  # pragma: no cover - rare
        if type not in (1, 2, 3):
            raise NotImplementedError("Unsupported socket type")
        s = object.__new__(Socket)
        Socket._adopt(s, _net.Conn(family, type, proto))
        return s

    def getaddrinfo(self, host: Any, port: int, family: int = 0, type: int = 0, proto: int = 0,
                    flags: int = 0) -> list:
        if not isinstance(port, int):
            raise TypeError(f"can't convert {_hw.type_name(port)} to int")
        return [(2, 1, 0, "", (_resolve(host), port))]


class Socket:
    """A socket from SocketPool.socket()."""

    def __repr__(self) -> str:
        return "<Socket>"

    def __init__(self, *args: Any) -> None:
        raise TypeError("cannot create 'Socket' instances")

    @staticmethod
    def _adopt(obj: Any, conn: Any) -> None:
        obj._c = conn

    def __enter__(self) -> Socket:
        return self

    def __exit__(self, *exc: Any) -> None:
        self._c.close()

    def __hash__(self) -> int:
        return id(self) >> 4

    @property
    def type(self) -> int:
        return self._c.type

    def connect(self, address: Any) -> None:
        self._c.connect(*_address(address))

    def bind(self, address: Any) -> None:
        self._c.check_open()
        _address(address)

    def listen(self, backlog: int) -> None:
        self._c.check_open()

    def accept(self) -> Any:
        return self._c.accept_nothing()

    def send(self, bytes: Any) -> int:
        return self._c.send(bytes)

    def sendall(self, bytes: Any) -> None:
        self._c.send(bytes)

    def sendto(self, bytes: Any, address: Any) -> int:
        return self._c.sendto(bytes, *_address(address))

    def recv_into(self, buffer: Any, bufsize: int = 0) -> int:
        mv = memoryview(_hw.buffer(buffer, writable=True))
        n = len(mv) if not bufsize or bufsize > len(mv) else bufsize
        data = self._c.recv(n)
        mv[:len(data)] = data
        return len(data)

    def recvfrom_into(self, buffer: Any) -> tuple:
        mv = memoryview(_hw.buffer(buffer, writable=True))
        data, addr = self._c.recvfrom(len(mv))
        mv[:len(data)] = data
        return len(data), addr

    def setsockopt(self, level: int, optname: int, value: Any) -> None:
        self._c.check_open()

    def settimeout(self, value: Any) -> None:
        self._c.timeout = _net.timeout_ns(value)

    def setblocking(self, flag: bool) -> None:
        self._c.timeout = None if flag else 0

    def close(self) -> None:
        self._c.close()
