"""Guest module `deflate` (MicroPython): `DeflateIO`, a stream that decompresses what it
reads from another stream and compresses what is written to it, in RAW, ZLIB or GZIP
format (AUTO: zlib or gzip by the header when reading, raw when writing).

The behaviour is extmod/moddeflate.c's over uzlib (jitvm.modules._uzlib): the source is
read a byte at a time, only as far as the output needs; wbits (5..15, 0 for the default:
8 for RAW, the header's for ZLIB/GZIP) sizes the history window; every decompression error
is OSError(EINVAL) and a truncated source EOFError; compressed bytes are the firmware's own.
"""

from __future__ import annotations

import zlib as _host_zlib

from jitvm.gexc import GUEST_EXC
from jitvm.modules import _gstream, _uzlib
from jitvm.modules._stdconv import get_int, require_buffer

__all__ = ["AUTO", "GZIP", "RAW", "ZLIB", "DeflateIO"]

AUTO, RAW, ZLIB, GZIP = 0, 1, 2, 3
_DEFAULT_WBITS = 8
_EINVAL = 22
_READALL_CHUNK = 1 << 16
_OSError = GUEST_EXC["OSError"]


def _einval():
    return _OSError(_EINVAL)


class _Reading:
    __slots__ = ("eof", "inflater")

    def __init__(self, inflater) -> None:
        self.inflater = inflater
        self.eof = False


class _Writing:
    __slots__ = ("checksum", "compressor", "length")

    def __init__(self, compressor, checksum: int) -> None:
        self.compressor = compressor
        self.checksum = checksum
        self.length = 0


class DeflateIO:
    """DeflateIO(stream, format=AUTO, wbits=0, close=False), positional arguments only."""

    __slots__ = ("_close", "_format", "_reading", "_stream", "_wbits", "_writing")

    def __init__(self, *args: object, **kwargs: object) -> None:
        if kwargs:
            raise TypeError("function doesn't take keyword arguments")
        if not args:
            raise TypeError("function missing 1 required positional arguments")
        if len(args) > 4:
            raise TypeError(f"function expected at most 4 arguments, got {len(args)}")
        fmt = get_int(args[1]) if len(args) > 1 else AUTO
        wbits = get_int(args[2]) if len(args) > 2 else 0
        if not AUTO <= fmt <= GZIP:
            raise ValueError("format")
        if wbits != 0 and not 5 <= wbits <= 15:
            raise ValueError("wbits")
        self._stream = args[0]
        self._format = fmt
        self._wbits = wbits
        self._close = bool(args[3]) if len(args) > 3 else False
        self._reading: _Reading | None = None
        self._writing: _Writing | None = None

    def __repr__(self) -> str:
        return "<DeflateIO>"

    # ---- reading -------------------------------------------------------------------------
    def _reader(self) -> _Reading:
        """deflateio_init_read: the decompressor, made (and the header read) on first use."""
        if self._stream is None:
            raise _einval()
        if self._reading is not None:
            if self._reading.inflater is None:  # its header was refused
                raise _einval()
            return self._reading
        source = _gstream.ByteReader(self._stream)
        self._reading = _Reading(None)
        inflater = _uzlib.Inflater(source, None)
        wbits = self._wbits
        if self._format == RAW:
            wbits = wbits or _DEFAULT_WBITS
        else:
            try:
                kind, header_wbits = inflater.parse_header()
            except _uzlib.InflateError:
                raise _einval() from None
            expected = {ZLIB: _uzlib.HEADER_ZLIB, GZIP: _uzlib.HEADER_GZIP}.get(self._format, kind)
            if kind != expected:
                raise _einval()
            if wbits == 0 or header_wbits < wbits:
                wbits = header_wbits
        inflater.set_window(1 << wbits)
        self._reading.inflater = inflater
        return self._reading

    def _read_some(self, size: int) -> bytes:
        """The stream's read(): up to ``size`` bytes, fewer only at the end."""
        reading = self._reader()
        if reading.eof or size <= 0:
            return b""
        try:
            data, done = reading.inflater.read(size)
        except _uzlib.InflateError:
            raise _einval() from None
        if done:
            reading.eof = True
        return data

    def read(self, *args: object) -> bytes:
        """read([size]): decompressed bytes; all of them to the end without a size."""
        if len(args) > 1:
            raise TypeError(f"function expected at most 2 arguments, got {len(args) + 1}")
        size = -1 if not args or args[0] is None else get_int(args[0])
        if size >= 0:
            return self._read_some(size)
        if size != -1:  # only -1 means "to the end": the firmware tries to allocate the rest
            raise MemoryError(f"memory allocation failed, allocating {(size + 1) % 2**64} bytes")
        out = bytearray()
        while True:
            chunk = self._read_some(_READALL_CHUNK)
            if not chunk:
                return bytes(out)
            out += chunk

    def readinto(self, *args: object) -> int:
        """readinto(buf[, nbytes]): decompress into buf; the count."""
        if not args or len(args) > 2:
            raise TypeError("function missing 1 required positional arguments" if not args
                            else f"function expected at most 3 arguments, got {len(args) + 1}")
        buf = require_buffer(args[0], writable=True)
        size = len(buf) if len(args) < 2 else min(len(buf), get_int(args[1]))
        data = self._read_some(size)
        buf[:len(data)] = data
        return len(data)

    def readline(self, *args: object) -> bytes:
        """readline([size]): up to and including the next newline (a byte at a time)."""
        if len(args) > 1:
            raise TypeError(f"function expected at most 2 arguments, got {len(args) + 1}")
        limit = get_int(args[0]) if args and args[0] is not None else -1
        out = bytearray()
        while limit < 0 or len(out) < limit:
            b = self._read_some(1)
            if not b:
                break
            out += b
            if b == b"\n":
                break
        return bytes(out)

    # ---- writing -------------------------------------------------------------------------
    def _out_byte(self, b: int) -> None:
        try:
            _gstream.write(self._stream, bytes((b,)))
        except _gstream.StreamError as e:
            raise e.guest() from None

    def _writer(self) -> _Writing:
        """deflateio_init_write: the compressor, made (and the header written) on first use."""
        if self._stream is None:
            raise _einval()
        if self._writing is not None:
            return self._writing
        _gstream.require_stream(self._stream)
        wbits = self._wbits or _DEFAULT_WBITS
        window = bytearray(1 << wbits)  # allocated first, as the firmware does (MemoryError)
        compressor = _uzlib.Compressor(self._out_byte, len(window))
        header, checksum = b"", 0
        if self._format == ZLIB:
            cmf = 0x08 | max(wbits - 8, 1) << 4
            flg = 0x80
            flg |= 31 - ((cmf * 256 + flg) % 31)
            header, checksum = bytes((cmf, flg)), 1
        elif self._format == GZIP:
            header, checksum = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x04\x03", 0
        self._writing = _Writing(compressor, checksum)
        if header:
            try:
                _gstream.write(self._stream, header)
            except _gstream.StreamError:
                raise _einval() from None
        compressor.start()
        return self._writing

    def write(self, buf: object) -> int:
        """write(buf): compress buf (a str or buffer) to the stream; its length."""
        data = bytes(require_buffer(buf))
        w = self._writer()
        w.length += len(data)
        if self._format == ZLIB:
            w.checksum = _host_zlib.adler32(data, w.checksum)
        elif self._format == GZIP:
            w.checksum = _host_zlib.crc32(data, w.checksum)
        w.compressor.compress(data)
        return len(data)

    # ---- closing -------------------------------------------------------------------------
    def close(self, *args: object) -> None:
        """Finish the compressed stream (end code, checksum footer), close the underlying
        stream if asked to, and let go of it; reading or writing after that is EINVAL."""
        if args:
            raise TypeError(f"function takes 1 positional arguments but {len(args) + 1} were given")
        if self._stream is None:
            return
        error = None
        if self._writing is not None:
            self._writing.compressor.finish()
            footer = b""
            if self._format == ZLIB:
                footer = self._writing.checksum.to_bytes(4, "big")
            elif self._format == GZIP:
                footer = (self._writing.checksum.to_bytes(4, "little")
                          + (self._writing.length & 0xFFFFFFFF).to_bytes(4, "little"))
            if footer:
                try:
                    _gstream.write(self._stream, footer)
                except _gstream.StreamError as e:
                    error = e
        if self._close:
            _gstream.close(self._stream)
        self._stream = None
        if error is not None:
            raise error.guest()

    def __enter__(self) -> DeflateIO:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
