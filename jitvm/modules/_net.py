"""Host-side core of the guest's sockets (MicroPython ``socket``/``ssl``, CircuitPython
``socketpool``/``ssl``): one :class:`Conn` per guest socket over the board's ``hal.net`` network.

Host-only (the leading underscore hides it from guests).  Guest socket classes keep their Conn in
a private attribute; the hal stream behind it is never handed to the guest.
"""

from __future__ import annotations

import errno as _e
import functools
from typing import Any

from jitvm.gexc import GUEST_EXC
from jitvm.modules import _hw

AF_INET, AF_INET6 = 2, 10
SOCK_STREAM, SOCK_DGRAM, SOCK_RAW = 1, 2, 3
EAGAIN, EBADF, ENOTCONN, ETIMEDOUT = _e.EAGAIN, _e.EBADF, _e.ENOTCONN, _e.ETIMEDOUT
EINVAL, EISCONN = _e.EINVAL, _e.EISCONN


def oserror(code: int) -> BaseException:
    """The guest's OSError(code), printed as the firmware does: ``[Errno 110] ETIMEDOUT``."""
    return GUEST_EXC["OSError"](code)


def oserror_text(text: str) -> BaseException:
    """OSError with a message (ESP-IDF errors: ``OSError: Wifi Not Started``)."""
    return GUEST_EXC["OSError"](text)


def hal_errors(fn: Any) -> Any:
    """The hal's ``OSError(errno, text)`` reaches the guest as ``OSError(errno)``."""
    @functools.wraps(fn)
    def call(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except OSError as exc:
            if type(exc) is not OSError or exc.errno is None:
                raise
            raise oserror(exc.errno) from None
    return call


def network() -> Any:
    """The run's board network (sim when the board was opened without one)."""
    net = _hw.get_board().network
    net.sleep_ns = _hw.sleep_ns  # timers and soft IRQs run while a socket waits
    return net


def resolve(host: Any) -> str:
    """An IPv4 address for ``host``; raises hal.net.api.ResolveError."""
    if isinstance(host, (bytes, bytearray)):
        host = bytes(host).decode()
    if not isinstance(host, str):
        raise TypeError(f"can't convert {_hw.type_name(host)} to str")
    return network().resolve(host)


def timeout_ns(value: Any) -> int | None:
    """settimeout's argument: None blocks, 0 is non-blocking, else seconds (ns here)."""
    if value is None:
        return None
    if not isinstance(value, (int, float)):
        raise TypeError(f"can't convert {_hw.type_name(value)} to float")
    return max(0, int(value * 1_000_000_000)) if value >= 0 else None
    return int(value * 1_000_000_000)


class Conn:
    """One guest socket: TCP stream or UDP endpoint, with its timeout and read buffer."""

    def __init__(self, family: int = AF_INET, type: int = SOCK_STREAM, proto: int = 0) -> None:
        self.family, self.type, self.proto = family, type, proto
        self.stream: Any = None
        self.dgram: Any = None
        self.timeout: int | None = None  # ns; None blocks
        self.closed = False
        self.tls_host: str | None = None  # CircuitPython: TLS starts on connect
        self.tls_pending = False
        self.pending = bytearray()  # bytes read ahead (readline)
        self.dgram_peer: tuple[str, int] | None = None  # connect() on a UDP socket

    # -- state ---------------------------------------------------------------------------
    def check_open(self) -> None:
        if self.closed:
            raise oserror(EBADF)

    def accept_nothing(self):
        """accept(): nothing in the simulated internet connects to the board, so a blocking
        accept waits for its timeout, as a board whose server nobody calls."""
        self.check_open()
        if self.timeout == 0:
            raise oserror(EAGAIN)
        network().wait(lambda: False, self.timeout)
        raise oserror(ETIMEDOUT)

    @hal_errors
    def connect(self, ip: str, port: int) -> None:
        self.check_open()
        if self.type == SOCK_DGRAM:
            self.dgram_peer = (ip, port)
            return
        if self.stream is not None:
            raise oserror(EISCONN)
        self.stream = network().connect_tcp(ip, port, self.timeout)
        if self.tls_pending:
            self.stream.start_tls(self.tls_host)
            self.tls_pending = False

    @hal_errors
    def start_tls(self, server_hostname: str | None) -> None:
        if self.stream is None:  # wrapped before connect (CircuitPython's order)
            self.tls_pending, self.tls_host = True, server_hostname
            return
        self.stream.start_tls(server_hostname)

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            for s in (self.stream, self.dgram):
                if s is not None:
                    s.close()

    # -- TCP -----------------------------------------------------------------------------
    def need_stream(self) -> Any:
        self.check_open()
        if self.stream is None:
            raise oserror(ENOTCONN)
        return self.stream

    @hal_errors
    def send(self, data: Any) -> int:
        peer = getattr(self, "dgram_peer", None)
        if self.type == SOCK_DGRAM and peer is not None:  # a connected UDP socket
            return self.sendto(data, *peer)
        stream = self.need_stream()
        return stream.send(bytes(_hw.buffer(data)))

    def wait(self, obj: Any) -> None:
        """Wait for ``obj`` (stream or datagram) per the timeout; EAGAIN / ETIMEDOUT."""
        if self.timeout == 0:
            raise oserror(EAGAIN)
        if not obj.wait_readable(self.timeout):
            raise oserror(ETIMEDOUT)

    @hal_errors
    def recv(self, n: int) -> bytes:
        """Up to ``n`` bytes; b"" at end of stream (UDP: the next datagram)."""
        if self.type == SOCK_DGRAM:
            return self.recvfrom(n)[0]
        stream = self.need_stream()
        if n <= 0:
            return b""
        if self.pending:
            out = bytes(self.pending[:n])
            del self.pending[:n]
            return out
        data = stream.recv(n)
        if data is None:
            self.wait(stream)
            data = stream.recv(n)
        return data or b""

    @hal_errors
    def readable(self) -> bool:
        """For select.poll: would a read return at once?"""
        if self.closed:
            return True
        if self.dgram is not None:
            return bool(getattr(self.dgram, "rx", None)) or self.dgram.wait_readable(0)
        if self.stream is None:
            return False
        return bool(self.pending) or self.stream.wait_readable(0)

    def read_all(self) -> bytes:
        out = bytearray()
        while True:
            chunk = self.recv(4096)
            if not chunk:
                return bytes(out)
            out += chunk

    def readline(self) -> bytes:
        out = bytearray()
        while True:
            chunk = self.recv(256)
            if not chunk:
                return bytes(out)
            k = chunk.find(b"\n")
            if k >= 0:
                out += chunk[:k + 1]
                self.pending[:0] = chunk[k + 1:]
                return bytes(out)
            out += chunk

    # -- UDP -----------------------------------------------------------------------------
    def need_dgram(self) -> Any:
        self.check_open()
        if self.dgram is None:
            self.dgram = network().open_udp()
        return self.dgram

    @hal_errors
    def sendto(self, data: Any, ip: str, port: int) -> int:
        return self.need_dgram().sendto(bytes(_hw.buffer(data)), (ip, port))

    @hal_errors
    def recvfrom(self, n: int) -> tuple[bytes, tuple[str, int]]:
        d = self.need_dgram()
        got = d.recvfrom(n)
        if got is None:
            self.wait(d)
            got = d.recvfrom(n)
            if got is None:
                raise oserror(ETIMEDOUT)
        return got


def wait_any(conns: list[Conn], timeout_ms: int | None) -> None:
    """Wait until one of ``conns`` is readable or the timeout (select.poll)."""
    net = network()
    t = None if timeout_ms is None or timeout_ms < 0 else int(timeout_ms) * 1_000_000
    ready = lambda: any(c.readable() for c in conns)  # noqa: E731
    if hasattr(net, "wait"):
        net.wait(ready, t)
    else:  # host sockets: poll in slices of real time
        import time

        end = None if t is None else time.monotonic_ns() + t
        while not ready() and (end is None or time.monotonic_ns() < end):
            time.sleep(0.005)
