"""A guest stream as the firmware's C code sees it (py/stream.c's read/write/ioctl): what
deflate and zlib read from and write to. Guest io.IOBase subclasses are called through the
sandbox as guest code would call them, with MicroPython's rules for what they return
(None: EAGAIN, a negative number: OSError(-n), more than asked: EIO)."""

from __future__ import annotations

import io as _host_io

from jitvm.gexc import GUEST_EXC
from jitvm.sandbox import Sandbox

_OSError = GUEST_EXC["OSError"]
_EAGAIN, _EIO = 11, 5
_SANDBOX = Sandbox(None)  # getattr/setattr rules only; it needs no VM for those


def is_stream(obj) -> bool:
    from jitvm.streams import _Stream
    from jitvm.vmmods import IOBase

    return isinstance(obj, (_Stream, IOBase, _host_io.StringIO, _host_io.BytesIO))


def require_stream(obj) -> None:
    """mp_get_stream_raise's refusal."""
    if not is_stream(obj):
        raise _OSError("stream operation not supported")


def _is_iobase(obj) -> bool:
    from jitvm.vmmods import IOBase

    return isinstance(obj, IOBase)


class StreamError(Exception):
    """A stream call's MP_STREAM_ERROR with its error code: the C caller decides what the
    guest sees (most raise OSError(code), some their own EINVAL)."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code

    def guest(self):
        return _OSError(self.code)


def _count(ret, size: int) -> int:
    """iobase_read_write's reading of what readinto()/write() returned."""
    if ret is None:
        raise StreamError(_EAGAIN)
    if not isinstance(ret, int):
        raise GUEST_EXC["TypeError"](f"can't convert {type(ret).__name__} to int")
    if ret < 0:
        raise StreamError(-ret)
    if ret > size:
        raise StreamError(_EIO)
    return ret


class ByteReader:
    """stream->read(&c, 1) as uzlib's source: one byte; the end of the stream is EOFError
    (what moddeflate.c's and modzlib.c's read callbacks raise)."""

    __slots__ = ("_pending", "_read", "_iobase")

    def __init__(self, stream) -> None:
        require_stream(stream)
        self._iobase = _is_iobase(stream)
        self._read = _SANDBOX.getattr(stream, "readinto" if self._iobase else "read")
        self._pending = b""

    def __call__(self) -> int:
        if self._pending:
            b, self._pending = self._pending[0], self._pending[1:]
            return b
        if self._iobase:
            buf = bytearray(1)
            try:
                n = _count(self._read(buf), 1)
            except StreamError as e:
                raise e.guest() from None
            if not n:
                raise GUEST_EXC["EOFError"]()
            return buf[0]
        data = self._read(1)
        if isinstance(data, str):  # a text stream gives its UTF-8 bytes
            data = data.encode()
        if not data:
            raise GUEST_EXC["EOFError"]()
        self._pending = bytes(data[1:])
        return data[0]


def write(stream, data: bytes) -> int:
    """stream->write(buf, len) once: the count written (guest streams may write less);
    StreamError for an error code."""
    require_stream(stream)
    write = _SANDBOX.getattr(stream, "write")
    if _is_iobase(stream):
        return _count(write(bytearray(data)), len(data))
    if isinstance(stream, (_host_io.StringIO,)):
        return write(data.decode("utf-8", "replace")) and len(data)
    n = write(data)
    return len(data) if n is None else n


def close(stream) -> None:
    """mp_stream_close: ioctl(MP_STREAM_CLOSE) for a guest IOBase, else close()."""
    if _is_iobase(stream):
        ret = _SANDBOX.getattr(stream, "ioctl")(4, 0)
        if isinstance(ret, int) and ret < 0:
            raise _OSError(-ret)
        return
    _SANDBOX.getattr(stream, "close")()
