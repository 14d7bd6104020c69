"""micropython.RingIO (py/objringio.c): a byte ring buffer that is a stream (read, readinto,
readline, write, any, close) and pollable, so asyncio.StreamWriter can wrap it."""

from __future__ import annotations

from .gexc import GUEST_EXC

_MAX = 0xFFFF  # UINT16_MAX: the ring's buffer size, one byte more than it holds


class RingIO:
    __slots__ = ("_buf", "_get", "_put")

    def __init__(self, size_or_buffer) -> None:
        from .modules._stdconv import buffer_of

        raw = buffer_of(size_or_buffer)
        if raw is not None:
            buf = raw if isinstance(raw, (bytearray, memoryview)) else None
            if buf is None or (isinstance(buf, memoryview) and buf.readonly):
                raise GUEST_EXC["TypeError"]("object with buffer protocol required")
            if isinstance(buf, memoryview):
                buf = buf.cast("B") if buf.format != "B" else buf
        else:
            if not isinstance(size_or_buffer, int) or isinstance(size_or_buffer, bool):
                raise GUEST_EXC["TypeError"](
                    f"can't convert {type(size_or_buffer).__name__} to int")
            n = size_or_buffer + 1
            buf = bytearray(max(n, 0)) if 2 <= n <= _MAX else None
            if buf is None:
                raise GUEST_EXC["ValueError"]()
        if not 2 <= len(buf) <= _MAX:
            raise GUEST_EXC["ValueError"]()
        self._buf, self._get, self._put = buf, 0, 0

    def __repr__(self) -> str:
        return "<RingIO>"

    def any(self) -> int:
        return (self._put - self._get) % len(self._buf)

    def _free(self) -> int:
        return len(self._buf) - 1 - self.any()

    def _take(self, n: int) -> bytes:
        n = min(n, self.any())
        size, out = len(self._buf), bytearray()
        while len(out) < n:
            chunk = min(n - len(out), size - self._get)
            out += self._buf[self._get:self._get + chunk]
            self._get = (self._get + chunk) % size
        return bytes(out)

    def read(self, n: int = -1) -> bytes:
        return self._take(self.any() if n is None or n < 0 else n)

    def readinto(self, buf, n: int | None = None) -> int:
        view = memoryview(buf).cast("B")
        data = self._take(len(view) if n is None else min(n, len(view)))
        view[:len(data)] = data
        return len(data)

    def readline(self, n: int = -1) -> bytes:
        out = bytearray()
        while self.any() and (n is None or n < 0 or len(out) < n):
            out += self._take(1)
            if out[-1:] == b"\n":
                break
        return bytes(out)

    def write(self, data) -> int:
        from .modules._stdconv import require_buffer

        raw = bytes(require_buffer(data))[:self._free()]
        size = len(self._buf)
        for k in range(0, len(raw)):
            self._buf[self._put] = raw[k]
            self._put = (self._put + 1) % size
        return len(raw)

    def close(self) -> None:
        return None

    def _jitvm_poll(self, mask: int) -> int:
        """The events ready now (select.POLLIN 1 when data waits, POLLOUT 4 when room)."""
        return (1 if mask & 1 and self.any() else 0) | (4 if mask & 4 and self._free() else 0)
