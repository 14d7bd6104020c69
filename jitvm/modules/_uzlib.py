"""DEFLATE (RFC 1951) with the behaviour of the uzlib library MicroPython and CircuitPython
ship: the inflater pulls its input a byte at a time only when it needs a bit, keeps a
history window of 2**wbits bytes (a distance beyond it is an error), and the compressor
writes static-Huffman blocks a byte at a time from an exhaustive longest-match search,
so the compressed bytes are the firmware's own.

Host zlib supplies only the checksums (adler32, crc32); no host zlib object is kept here.
Nothing in this module is guest-visible: deflate.py and zlib.py wrap it.
"""

from __future__ import annotations

import bisect
import zlib as _host_zlib

OK, DONE = 0, 1
DATA_ERROR, CHKSUM_ERROR, DICT_ERROR = -3, -4, -5
HEADER_ZLIB, HEADER_GZIP = 0, 1
CHK_NONE, CHK_ADLER, CHK_CRC = 0, 1, 2

# RFC 1951 3.2.5: base values and extra bits of length symbols 257.. and distance symbols
_LEN_BASE = (3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83,
             99, 115, 131, 163, 195, 227, 258)
_LEN_EXTRA = (0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5,
              5, 0)
_DIST_BASE = (1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769,
              1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577)
_DIST_EXTRA = (0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11,
               12, 12, 13, 13)
_CLEN_ORDER = (16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15)


class InflateError(Exception):
    """A uzlib status below zero (DATA_ERROR, CHKSUM_ERROR, DICT_ERROR)."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


class _Tree:
    """A canonical Huffman code: counts per length and the symbols in code order. The
    symbol table keeps what earlier codes left in it, as uzlib's does."""

    __slots__ = ("counts", "symbols")

    def __init__(self) -> None:
        self.counts = [0] * 16
        self.symbols = [0] * 288

    def build(self, lengths) -> None:
        counts = [0] * 16
        for n in lengths:
            counts[n] += 1
        counts[0] = 0
        offsets, total = [], 0
        for c in counts:
            offsets.append(total)
            total += c
        for sym, n in enumerate(lengths):
            if n:
                self.symbols[offsets[n]] = sym
                offsets[n] += 1
        self.counts = counts


def _fixed_lengths() -> list[int]:
    return [8] * 144 + [9] * 112 + [7] * 24 + [8] * 8


class Inflater:
    """uzlib's decompressor state. ``source()`` gives the next input byte, or None at the
    end (then 0 bytes follow and the stream is at EOF); it may raise instead. ``window`` is
    the history size (2**wbits), or None to keep all output (CircuitPython's
    zlib.decompress, where a distance before the start is the error)."""

    def __init__(self, source, window: int | None) -> None:
        self._source = source
        self.eof = False
        self._tag = 0
        self._bitcount = 0
        self._bfinal = 0
        self._btype = -1
        self._curlen = 0
        self._dist = 0
        self._window = window
        self._hist = bytearray(window) if window else bytearray()  # a zero-filled ring
        self._produced = 0
        self._ltree = _Tree()
        self._dtree = _Tree()
        self.checksum_type = CHK_NONE
        self.checksum = 0

    def set_window(self, window: int) -> None:
        """The history size, once the header has told it (before any data is inflated)."""
        self._window = window
        self._hist = bytearray(window)

    # ---- bits ----------------------------------------------------------------------------
    def get_byte(self) -> int:
        if not self.eof:
            b = self._source()
            if b is not None:
                return b
        self.eof = True
        return 0

    def _bit(self) -> int:
        if not self._bitcount:
            self._tag = self.get_byte()
            self._bitcount = 8
        self._bitcount -= 1
        bit = self._tag & 1
        self._tag >>= 1
        return bit

    def _bits(self, num: int, base: int) -> int:
        val = 0
        for i in range(num):
            if self._bit():
                val |= 1 << i
        return val + base

    def _symbol(self, tree: _Tree) -> int:
        counts = tree.counts
        code = total = 0
        for n in range(1, 16):
            code = 2 * code + self._bit()
            total += counts[n]
            code -= counts[n]
            if code < 0:
                index = total + code
                if not 0 <= index < 288:
                    raise InflateError(DATA_ERROR)
                return tree.symbols[index]
        self._bit()  # uzlib reads a 16th bit before it gives up
        return DATA_ERROR  # a status, not an exception: see _huffman_step

    # ---- headers -------------------------------------------------------------------------
    def parse_header(self) -> tuple[int, int]:
        """The zlib or gzip header: (HEADER_ZLIB or HEADER_GZIP, wbits)."""
        g = self.get_byte
        cmf, flg = g(), g()
        if cmf == 0x1F and flg == 0x8B:
            if g() != 8:
                raise InflateError(DATA_ERROR)
            flg = g()
            if flg & 0xE0:
                raise InflateError(DATA_ERROR)
            for _ in range(6):
                g()
            if flg & 4:  # FEXTRA
                xlen = g()
                xlen |= g() << 8
                for _ in range(xlen):
                    g()
            for bit in (8, 16):  # FNAME, FCOMMENT: zero-terminated
                if flg & bit:
                    while g():
                        pass
            if flg & 2:  # FHCRC, read and not checked (as uzlib)
                g(), g()
            self.checksum_type, self.checksum = CHK_CRC, 0
            return HEADER_GZIP, 15
        if (256 * cmf + flg) % 31 or cmf & 0x0F != 8 or cmf >> 4 > 7 or flg & 0x20:
            raise InflateError(DATA_ERROR)
        self.checksum_type, self.checksum = CHK_ADLER, 1
        return HEADER_ZLIB, (cmf >> 4) + 8

    # ---- blocks --------------------------------------------------------------------------
    def _start_block(self) -> None:
        self._bfinal = self._bit()
        self._btype = self._bits(2, 0)
        if self._btype == 1:
            self._ltree.build(_fixed_lengths())
            self._dtree.build([5] * 32)
        elif self._btype == 2:
            self._read_trees()

    def _read_trees(self) -> None:
        hlit = self._bits(5, 257)
        hdist = self._bits(5, 1)
        hclen = self._bits(4, 4)
        lengths = [0] * 320
        for i in range(hclen):
            lengths[_CLEN_ORDER[i]] = self._bits(3, 0)
        lt = self._ltree
        lt.build(lengths[:19])  # the code-length code borrows the literal tree, as uzlib
        limit = hlit + hdist
        num = 0
        while num < limit:
            sym = self._symbol(lt)
            if sym < 0:
                raise InflateError(sym)
            if sym < 16:
                lengths[num] = sym
                num += 1
                continue
            if sym == 16:
                if num == 0:
                    raise InflateError(DATA_ERROR)
                fill, count = lengths[num - 1], self._bits(2, 3)
            elif sym == 17:
                fill, count = 0, self._bits(3, 3)
            else:
                fill, count = 0, self._bits(7, 11)
            if num + count > limit:
                raise InflateError(DATA_ERROR)
            lengths[num:num + count] = [fill] * count
            num += count
        lt.build(lengths[:hlit])
        self._dtree.build(lengths[hlit:limit])

    def _emit(self, out: bytearray, data) -> None:
        out += data
        hist = self._hist
        hist += data
        self._produced += len(data)
        if self._window and len(hist) > 2 * self._window:
            del hist[:len(hist) - self._window]

    def _copy(self, out: bytearray, count: int) -> None:
        """``count`` bytes of the current match (distance self._dist back)."""
        d = self._dist
        hist = self._hist
        start = len(hist) - d
        if count <= d:
            self._emit(out, hist[start:start + count])
        else:
            chunk = hist[start:]
            self._emit(out, (chunk * (count // d + 1))[:count])
        self._curlen -= count

    def _huffman_step(self, out: bytearray, room: int) -> int:
        """One literal, or a match started and copied as far as ``room`` allows."""
        if self._curlen == 0:
            sym = self._symbol(self._ltree)
            if self.eof:
                raise InflateError(DATA_ERROR)
            if sym < 256:
                # a code that decodes to nothing gives uzlib's status -3 here, which it then
                # writes out as a literal byte (0xFD) and goes on: so does this
                self._emit(out, bytes((sym & 0xFF,)))
                return OK
            if sym == 256:
                return DONE
            sym -= 257
            if sym >= 29:
                raise InflateError(DATA_ERROR)
            self._curlen = self._bits(_LEN_EXTRA[sym], _LEN_BASE[sym])
            dsym = self._symbol(self._dtree)
            if not 0 <= dsym < 30:  # (uzlib would index its table with -3 here)
                raise InflateError(DATA_ERROR)
            offs = self._bits(_DIST_EXTRA[dsym], _DIST_BASE[dsym])
            if self._window:
                if offs > self._window:
                    raise InflateError(DICT_ERROR)
            elif offs > self._produced:
                raise InflateError(DATA_ERROR)
            self._dist = offs
        self._copy(out, min(self._curlen, room))
        return OK

    def _stored_step(self, out: bytearray) -> int:
        if self._curlen == 0:
            g = self.get_byte
            length = g() | g() << 8
            inv = g() | g() << 8
            if length != (~inv & 0xFFFF):
                raise InflateError(DATA_ERROR)
            self._curlen = length + 1
            self._bitcount = 0  # the next block starts on a byte boundary
        self._curlen -= 1
        if self._curlen == 0:
            return DONE
        self._emit(out, bytes((self.get_byte(),)))
        return OK

    def _uncompress(self, out: bytearray, limit: int) -> int:
        """uzlib_uncompress: produce bytes until ``limit`` of them or the end."""
        while True:
            if self._btype == -1:
                self._start_block()
            if self._btype == 0:
                res = self._stored_step(out)
            elif self._btype in (1, 2):
                res = self._huffman_step(out, limit - len(out))
            else:
                raise InflateError(DATA_ERROR)
            if res == DONE and not self._bfinal:
                self._btype = -1
                continue
            if res != OK or len(out) >= limit:
                return res

    def read(self, limit: int) -> tuple[bytes, bool]:
        """uzlib_uncompress_chksum: up to ``limit`` bytes (at least one unless the stream
        ends) and whether the stream ended; the trailer's checksum is checked at the end."""
        out = bytearray()
        res = self._uncompress(out, limit)
        if self.checksum_type == CHK_ADLER:
            self.checksum = _host_zlib.adler32(out, self.checksum)
        elif self.checksum_type == CHK_CRC:
            self.checksum = _host_zlib.crc32(out, self.checksum)
        if res == DONE and self.checksum_type != CHK_NONE:
            g = self.get_byte
            if self.checksum_type == CHK_ADLER:
                val = g() << 24 | g() << 16 | g() << 8 | g()
            else:
                val = g() | g() << 8 | g() << 16 | g() << 24
            if val != self.checksum:
                raise InflateError(CHKSUM_ERROR)
            if self.checksum_type == CHK_CRC:
                for _ in range(4):  # gzip's length: read after the CRC is checked, not checked
                    g()
        return bytes(out), res == DONE


# ---- compression -----------------------------------------------------------------------
MATCH_MIN = 3
MATCH_CAP = 259  # the search counts one past 258; the encoder splits what is longer


def _reverse(code: int, nbits: int) -> int:
    out = 0
    for _ in range(nbits):
        out = (out << 1) | (code & 1)
        code >>= 1
    return out


class Compressor:
    """uzlib's LZ77 + static-Huffman writer: ``write_byte(b)`` gets each output byte as soon
    as its 8 bits are known. One final block: start() writes its header, finish() its end
    code and the padding (a last partial byte, if any, is dropped, as uzlib does)."""

    def __init__(self, write_byte, window: int) -> None:
        self._write_byte = write_byte
        self._window = window
        self._hist = b""
        self._bits = 0
        self._nbits = 0

    def _out(self, value: int, nbits: int) -> None:
        self._bits |= value << self._nbits
        self._nbits += nbits
        while self._nbits >= 8:
            # written before it is dropped from the buffer: a write that raises leaves the
            # byte pending, to be written again by the next call (as uzlib's outbits does)
            self._write_byte(self._bits & 0xFF)
            self._bits >>= 8
            self._nbits -= 8

    def _huffman(self, code: int, nbits: int) -> None:
        self._out(_reverse(code, nbits), nbits)  # Huffman codes go most-significant bit first

    def start(self) -> None:
        self._out(3, 3)  # final block, static Huffman

    def finish(self) -> None:
        self._out(0, 14)  # end-of-block (7 zero bits), then 7 bits of padding

    def _literal(self, c: int) -> None:
        if c < 144:
            self._huffman(0x30 + c, 8)
        else:
            self._huffman(0x190 + c - 144, 9)

    def _match(self, distance: int, length: int) -> None:
        while length > 0:
            this = 258 if length > 260 else length if length <= 258 else length - 3
            length -= this
            i = bisect.bisect_right(_LEN_BASE, this) - 1
            sym = 257 + i
            if sym < 280:
                self._huffman(sym - 256, 7)
            else:
                self._huffman(0xC0 + sym - 280, 8)
            if _LEN_EXTRA[i]:
                self._out(this - _LEN_BASE[i], _LEN_EXTRA[i])
            j = bisect.bisect_right(_DIST_BASE, distance) - 1
            self._huffman(j, 5)
            if _DIST_EXTRA[j]:
                self._out(distance - _DIST_BASE[j], _DIST_EXTRA[j])

    def compress(self, data: bytes) -> None:
        """One write's data: matches reach back into the history and forward within data."""
        buf = self._hist + data
        p = len(self._hist)
        end = len(buf)
        while p < end:
            length, start = _longest_match(buf, max(0, p - self._window), p,
                                           min(MATCH_CAP, end - p))
            if length == 0:
                self._literal(buf[p])
                p += 1
            else:
                self._match(p - start, length)
                p += length
        self._hist = buf[-self._window:]


def _longest_match(buf: bytes, lo: int, p: int, cap: int) -> tuple[int, int]:
    """The longest match for buf[p:] starting in [lo, p), at most ``cap`` long; of equal
    lengths the most recent. (0, 0) if none reaches MATCH_MIN."""
    if cap < MATCH_MIN:
        return 0, 0
    length = MATCH_MIN
    start = buf.rfind(buf[p:p + length], lo, p + length - 1)
    if start < 0:
        return 0, 0
    while True:
        while length < cap and buf[start + length] == buf[p + length]:
            length += 1
        if length == cap:
            return length, start
        later = buf.rfind(buf[p:p + length + 1], lo, p + length)
        if later < 0:
            return length, start
        start = later
        length += 1
