"""Guest module `zlib` (CircuitPython's extmod/modzlib.c over uzlib): `decompress(data,
wbits=0, bufsize=0)` and the `DecompIO(stream, wbits=0)` stream.

wbits >= 16 reads a gzip header, 0..15 a zlib header, a negative value raw DEFLATE (its
magnitude the window size for DecompIO). decompress keeps all its output in memory, so a
distance before the start is the error; it gives a bytearray, and any failure is
ValueError(status) with uzlib's status (-3 bad data, -4 checksum). DecompIO reads its
stream a byte at a time; its failures are OSError(EINVAL), a truncated stream EOFError.
"""

from __future__ import annotations

import zlib as _host_zlib

from jitvm.gexc import GUEST_EXC
from jitvm.modules import _gstream, _uzlib
from jitvm.modules._stdconv import get_int, require_buffer

__all__ = ["DecompIO", "decompress"]

_CHUNK = 1 << 16
_CHECKSUM_ERROR = -4
_GZIP_MAGIC = b"\x1f\x8b"


def _arity(args: tuple, lo: int, hi: int) -> None:
    if len(args) < lo:
        raise TypeError(f"function missing {lo - len(args)} required positional arguments")
    if len(args) > hi:
        raise TypeError(f"function expected at most {hi} arguments, got {len(args)}")


def decompress(*args: object) -> bytearray:
    """decompress(data, wbits=0, bufsize=0): the whole decompressed data. The host's zlib
    inflates (the same bytes as uzlib for any valid stream, at C speed: imageload's PNGs);
    a damaged stream is ValueError with uzlib's status, -3 bad data, -4 checksum."""
    _arity(args, 1, 3)
    data = bytes(require_buffer(args[0]))
    wbits = get_int(args[1]) if len(args) > 1 else 0
    if wbits >= 0 and (data[:2] == _GZIP_MAGIC) != (wbits >= 16):  # not the header asked for
        raise ValueError(_uzlib.DATA_ERROR)
    d = _host_zlib.decompressobj(31 if wbits >= 16 else 15 if wbits >= 0 else -15)
    try:
        out = d.decompress(data)
    except _host_zlib.error as exc:
        text = str(exc)
        bad_check = "incorrect data check" in text or "incorrect length check" in text
        raise ValueError(_CHECKSUM_ERROR if bad_check else _uzlib.DATA_ERROR) from None
    if not d.eof:
        raise ValueError(_uzlib.DATA_ERROR)  # the stream stops before its last block
    return bytearray(out)


class DecompIO:
    """DecompIO(stream, wbits=0): a stream of the decompressed data of another stream."""

    __slots__ = ("_eof", "_inflater")

    def __init__(self, *args: object) -> None:
        _arity(args, 1, 2)
        _gstream.require_stream(args[0])
        opt = get_int(args[1]) if len(args) > 1 else 0
        inflater = _uzlib.Inflater(_gstream.ByteReader(args[0]), None)
        if opt >= 0:
            try:
                kind, wbits = inflater.parse_header()
            except _uzlib.InflateError:
                kind, wbits = None, 0
            if kind != (_uzlib.HEADER_GZIP if opt >= 16 else _uzlib.HEADER_ZLIB):
                raise ValueError("compression header")
            size = 1 << (opt - 16) if opt >= 16 else 1 << wbits
        else:
            size = 1 << -opt
        inflater.set_window(size)
        self._inflater = inflater
        self._eof = False

    def __repr__(self) -> str:
        return "<DecompIO>"

    def _read_some(self, size: int) -> bytes:
        if self._eof or size <= 0:
            return b""
        try:
            data, done = self._inflater.read(size)
        except _uzlib.InflateError:
            raise GUEST_EXC["OSError"](22) from None
        self._eof = done
        return data

    def read(self, *args: object) -> bytes:
        """read([size]): decompressed bytes; all of them without a size."""
        size = -1 if not args or args[0] is None else get_int(args[0])
        if size >= 0:
            return self._read_some(size)
        out = bytearray()
        while chunk := self._read_some(_CHUNK):
            out += chunk
        return bytes(out)

    def readinto(self, buf: object, nbytes: object = None) -> int:
        """readinto(buf[, nbytes]): decompress into buf; the count."""
        target = require_buffer(buf, writable=True)
        size = len(target) if nbytes is None else min(len(target), get_int(nbytes))
        data = self._read_some(size)
        target[:len(data)] = data
        return len(data)

    def readline(self, limit: object = None) -> bytes:
        """readline([size]): up to and including the next newline."""
        n = -1 if limit is None else get_int(limit)
        out = bytearray()
        while n < 0 or len(out) < n:
            b = self._read_some(1)
            out += b
            if not b or b == b"\n":
                break
        return bytes(out)
