"""Guest module `socket` (MicroPython; also `usocket`): lwIP-style TCP/UDP sockets over the board's
network (``--net sim|host|none``).

As MicroPython's bare-metal ports (``extmod/modlwip.c``): ``getaddrinfo`` returns
``[(2, 1, 0, '', ('a.b.c.d', port))]`` and a name that does not resolve raises ``OSError(-2)``;
a timeout raises ``OSError(110)`` (ETIMEDOUT); a non-blocking socket with nothing to read raises
``OSError(11)`` (EAGAIN) from ``recv`` while ``read``/``readinto``/``readline`` return None.
"""

from __future__ import annotations

from typing import Any

from jitvm.modules import _hw, _net
from jitvm.modules._stdconv import get_int

__all__ = [
    "AF_INET", "AF_INET6", "IPPROTO_IP", "IPPROTO_TCP", "IPPROTO_UDP", "IP_ADD_MEMBERSHIP",
    "SOCK_DGRAM", "SOCK_RAW", "SOCK_STREAM", "SOL_SOCKET", "SO_BROADCAST", "SO_REUSEADDR",
    "TCP_NODELAY", "getaddrinfo", "socket",
]  # fmt: skip

AF_INET, AF_INET6 = _net.AF_INET, _net.AF_INET6
SOCK_STREAM, SOCK_DGRAM, SOCK_RAW = _net.SOCK_STREAM, _net.SOCK_DGRAM, _net.SOCK_RAW
IPPROTO_IP, IPPROTO_TCP, IPPROTO_UDP = 0, 6, 17
SOL_SOCKET, SO_REUSEADDR, SO_BROADCAST, TCP_NODELAY, IP_ADD_MEMBERSHIP = 1, 4, 32, 1, 1024

DNS_FAILURE = -2  # modlwip raises lwIP's negative status; ESP32's getaddrinfo raises -2 too


def _resolve(host: Any) -> str:
    from hal.net.api import ResolveError

    try:
        return _net.resolve(host)
    except ResolveError:
        raise _net.oserror(DNS_FAILURE) from None


def getaddrinfo(host: Any, port: int, af: int = 0, type: int = 0, proto: int = 0,
                flags: int = 0) -> list:
    """[(family, type, proto, canonname, (ip, port))] for ``host``."""
    if not isinstance(port, int):
        raise TypeError(f"can't convert {_hw.type_name(port)} to int")
    ip = _resolve(host)
    return [(AF_INET, SOCK_STREAM, 0, "", (ip, port))]


def _address(addr: Any) -> tuple[str, int]:
    if not isinstance(addr, tuple) or len(addr) != 2 or not isinstance(addr[1], int):
        raise TypeError("address must be a tuple (host, port)")
    return _resolve(addr[0]), addr[1]


class socket:
    """socket(af=AF_INET, type=SOCK_STREAM, proto=IPPROTO_TCP)"""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # As modlwip: up to 4 positional ints (af, type, proto, fileno); the family is kept
        # as given, a type other than stream/datagram/raw is EINVAL.
        if kwargs:
            raise TypeError("function doesn't take keyword arguments")
        if len(args) > 4:
            raise TypeError(f"function expected at most 4 arguments, got {len(args)}")
        given = [get_int(a) for a in args[:3]]
        af, type, proto = given + [AF_INET, SOCK_STREAM, 0][len(given) :]
        if type not in (SOCK_STREAM, SOCK_DGRAM, SOCK_RAW):
            raise _net.oserror(22)
        self._c = _net.Conn(af, type, proto)

    def __repr__(self) -> str:
        return f"<socket state={1 if self._c.stream else 0} timeout={self._timeout_repr()}>"

    def _timeout_repr(self) -> int:
        t = self._c.timeout
        return -1 if t is None else t // 1_000_000

    def connect(self, address: Any) -> None:
        self._c.connect(*_address(address))

    def bind(self, address: Any) -> None:
        self._c.check_open()
        _address(address)

    def listen(self, backlog: int = 2) -> None:
        self._c.check_open()

    def accept(self) -> Any:
        return self._c.accept_nothing()

    def send(self, buf: Any) -> int:
        return self._c.send(buf)

    def sendall(self, buf: Any) -> None:
        self._c.send(buf)

    def write(self, buf: Any) -> int:
        return self._c.send(buf)

    def recv(self, bufsize: int) -> bytes:
        return self._c.recv(bufsize)

    def read(self, size: int = -1) -> bytes | None:
        """Stream read: ``size`` bytes (fewer at end of stream), all of it without ``size``;
        None when a non-blocking socket has nothing yet."""
        out = bytearray()
        while size is None or size < 0 or len(out) < size:
            try:
                chunk = self._c.recv(4096 if size is None or size < 0 else size - len(out))
            except OSError as e:
                if e.errno == _net.EAGAIN:
                    return bytes(out) if out else None
                raise
            if not chunk:
                break
            out += chunk
        return bytes(out)

    def readinto(self, buf: Any, nbytes: int | None = None) -> int | None:
        mv = memoryview(_hw.buffer(buf, writable=True))
        n = len(mv) if nbytes is None else min(nbytes, len(mv))
        data = self.read(n)
        if data is None:
            return None
        mv[:len(data)] = data
        return len(data)

    def readline(self) -> bytes | None:
        try:
            return self._c.readline()
        except OSError as e:
            if e.errno == _net.EAGAIN:
                return None
            raise

    def sendto(self, bytes: Any, address: Any) -> int:
        return self._c.sendto(bytes, *_address(address))

    def recvfrom(self, bufsize: int) -> tuple:
        data, (ip, port) = self._c.recvfrom(bufsize)
        return data, (ip, port)

    def setsockopt(self, level: int, optname: int, value: Any) -> None:
        self._c.check_open()

    def settimeout(self, value: Any) -> None:
        self._c.timeout = _net.timeout_ns(value)

    def setblocking(self, flag: bool) -> None:
        self._c.timeout = None if flag else 0

    def makefile(self, mode: str = "rb", buffering: int = 0) -> socket:
        return self

    def close(self) -> None:
        self._c.close()
