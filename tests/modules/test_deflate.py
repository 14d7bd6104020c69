"""Guest `deflate` (MicroPython): decompression compared with the real MicroPython 1.29
binary on data made by the host's zlib (every format, stored/static/dynamic blocks, window
sizes, damaged and truncated data, partial reads, guest streams); compression (which the
reference binary's build leaves out) checked with the host's zlib as the independent
decoder, and the binary as the decoder that enforces the window."""

from __future__ import annotations

import subprocess
import sys
import zlib
from pathlib import Path

from tests.interp.helpers import jitvm_run

MICROPYTHON = Path(sys.executable).parent / "micropython"
TEXT = b"".join(b"%d squared is %d; " % (i, i * i) for i in range(600))
NEAR_FAR = bytes((i * 7919) % 251 for i in range(700)) * 2  # a repeat 700 bytes back


def _compress(data: bytes, wbits: int, level: int = 6) -> bytes:
    c = zlib.compressobj(level, zlib.DEFLATED, wbits)
    return c.compress(data) + c.flush()


def _micropython(program: str, cwd: Path) -> str:
    (cwd / "mp_prog.py").write_text(program)
    proc = subprocess.run([str(MICROPYTHON), "mp_prog.py"], capture_output=True, text=True,
                          timeout=60, check=False, cwd=cwd)
    return proc.stdout + proc.stderr


def _gzip_with_name(data: bytes) -> bytes:
    body = _compress(data, -15)
    header = b"\x1f\x8b\x08\x08\x00\x00\x00\x00\x00\x03name.txt\x00"
    return header + body + zlib.crc32(data).to_bytes(4, "little") + len(data).to_bytes(4, "little")


def _decompress_program() -> str:
    cases = {
        "zlib": _compress(TEXT, 15), "zlib9": _compress(TEXT, 9), "stored": _compress(TEXT, 15, 0),
        "gzip": _compress(TEXT, 31), "raw": _compress(TEXT, -15), "gzname": _gzip_with_name(TEXT),
        "far": _compress(NEAR_FAR, -15), "farz": _compress(NEAR_FAR, 15),
        "small": _compress(b"hello hello hello", 9),
    }
    lines = ["import deflate, io", f"TEXT = {TEXT!r}", f"FAR = {NEAR_FAR!r}"]
    lines += [f"{k} = {v!r}" for k, v in cases.items()]
    return "\n".join(lines) + "\n" + DECOMPRESS


DECOMPRESS = """
def d(data, *args):
    with deflate.DeflateIO(io.BytesIO(data), *args) as g:
        return g.read()
def t(f):
    try:
        r = f()
        print(r if not isinstance(r, bytes) or len(r) < 40 else (len(r), r[:20]))
    except Exception as e:
        print(type(e).__name__, repr(e.args))
for name, data, args in (("zlib", zlib, ()), ("zlib9", zlib9, (deflate.ZLIB,)),
                         ("stored", stored, ()), ("gzip", gzip, (deflate.GZIP,)),
                         ("gzip-auto", gzip, ()), ("raw", raw, (deflate.RAW, 15)),
                         ("gzname", gzname, ()), ("farz", farz, ()), ("far15", far, (1, 15))):
    print(name, d(data, *args) == (FAR if name.startswith("far") else TEXT))
t(lambda: d(raw))                      # no header to find
t(lambda: d(zlib, deflate.GZIP))
t(lambda: d(gzip, deflate.ZLIB))
t(lambda: d(zlib, deflate.RAW))
t(lambda: d(far, deflate.RAW))         # wbits 8 by default: 700 back is too far
t(lambda: d(far, deflate.RAW, 9))
t(lambda: d(far, deflate.RAW, 10) == FAR)
t(lambda: d(farz, deflate.ZLIB, 9))    # a smaller wbits than the header's wins
t(lambda: d(zlib[:-1] + bytes([zlib[-1] ^ 1])))      # damaged checksum
t(lambda: d(gzip[:-5] + bytes([gzip[-5] ^ 1]) + gzip[-4:]))
t(lambda: d(zlib[:40]))                              # truncated
t(lambda: d(b"\\x07", deflate.RAW))                  # block type 3
t(lambda: d(b"", deflate.RAW))
t(lambda: d(raw + b"trailing junk", deflate.RAW, 15) == TEXT)
src = io.BytesIO(small)
g = deflate.DeflateIO(src)
print(src.seek(0, 1), g.read(1), src.seek(0, 1), g.read(3), src.seek(0, 1))
print(g.readline(), g.read(2), src.seek(0, 1), g.read(), src.seek(0, 1), g.read(), g.read(5))
b = bytearray(5)
g = deflate.DeflateIO(io.BytesIO(small))
print(g.readinto(b), b, g.readinto(b, 2), b)
g.close(); g.close()
t(lambda: g.read(1))
g = deflate.DeflateIO(io.BytesIO(zlib), deflate.AUTO, 0, True)
print(g.read(3))
class S(io.IOBase):
    def __init__(self, r):
        self.r = r
    def readinto(self, buf):
        print("readinto", len(buf))
        return self.r
    def ioctl(self, req, arg):
        print("ioctl", req, arg)
        return 0
for r in (-5, None, 2, "x", 0):
    t(lambda: deflate.DeflateIO(S(r)).read())
s = S(0)
deflate.DeflateIO(s, deflate.RAW, 0, True).close()
deflate.DeflateIO(s, deflate.RAW, 0, False).close()
t(lambda: deflate.DeflateIO(1).read())
t(lambda: deflate.DeflateIO(io.BytesIO(), 4))
t(lambda: deflate.DeflateIO(io.BytesIO(), 1, 4))
t(lambda: deflate.DeflateIO(io.BytesIO(), 1, 16))
t(lambda: deflate.DeflateIO())
t(lambda: deflate.DeflateIO(1, 1, 8, True, 0))
t(lambda: deflate.DeflateIO(1, format=1))
t(lambda: repr(deflate.DeflateIO(1)))
g = deflate.DeflateIO(io.BytesIO(small))
t(lambda: g.read(-5))
t(lambda: g.read(1, 2))
t(lambda: g.readline(1, 2))
t(lambda: g.readinto(b"xx"))
t(lambda: g.close(1))
t(lambda: deflate.DeflateIO(io.BytesIO(), 1, 5.0))
print(deflate.AUTO, deflate.RAW, deflate.ZLIB, deflate.GZIP)
with open("f.z", "wb") as f:
    f.write(zlib)
with open("f.z", "rb") as f:
    print(deflate.DeflateIO(f).read() == TEXT)
"""


def test_decompression_matches_micropython(tmp_path) -> None:
    program = _decompress_program()
    expected = _micropython(program, tmp_path)
    r = jitvm_run(tmp_path, program)
    assert r.stdout + r.stderr == expected
    # spot checks that do not depend on the binary: the data comes back, errors are refused
    assert "zlib True\n" in expected and "far15 True\n" in expected
    assert "OSError (22,)" in expected and "EOFError ()" in expected


COMPRESS = """
import deflate, io
from binascii import hexlify
DATA = {data!r}
def c(data, *args, chunks=1):
    b = io.BytesIO()
    with deflate.DeflateIO(b, *args) as g:
        step = len(data) // chunks + 1
        for i in range(0, len(data), step):
            g.write(data[i:i + step])
    return b.getvalue()
for args in ((), (1,), (1, 5), (1, 9), (1, 15), (2,), (2, 12), (3,), (3, 15)):
    print(hexlify(c(DATA, *args)).decode())
print(hexlify(c(DATA, 2, 10, chunks=7)).decode())
print(hexlify(c(b"hello", 1)).decode(), hexlify(c("a", 1)).decode(), hexlify(c(b"", 1)).decode(), sep="|")
class W(io.IOBase):
    def __init__(self, fail_at):
        self.n = 0
        self.fail_at = fail_at
    def write(self, buf):
        print("write", bytes(buf))
        self.n += 1
        return -1 if self.n >= self.fail_at else len(buf)
    def ioctl(self, req, arg):
        print("ioctl", req, arg)
        return 0
for fmt in (1, 2, 3):
    for fail_at in (1, 4):
        g = deflate.DeflateIO(W(fail_at), fmt, 0, True)
        try:
            print(g.write(b"ab"))
            g.close()
        except OSError as e:
            print("OSError", e.args)
g = deflate.DeflateIO(io.BytesIO(), 1)
g.close()
try:
    g.write(b"x")
except OSError as e:
    print("OSError", e.args)
print(hasattr(deflate.DeflateIO, "write"))
"""


def _inflate(fmt: int, wbits: int, data: bytes) -> bytes:
    host_wbits = {1: -15, 2: 15, 3: 31, 0: -15}[fmt]
    d = zlib.decompressobj(host_wbits)
    out = d.decompress(data) + d.flush()
    assert d.eof and not d.unused_data, (fmt, wbits)
    return out


def test_compression_decodes_and_respects_the_window(tmp_path) -> None:
    data = TEXT[:3000] + NEAR_FAR
    r = jitvm_run(tmp_path, COMPRESS.format(data=data))
    assert r.returncode == 0, r.stdout + r.stderr
    lines = r.stdout.splitlines()
    combos = ((0, 0), (1, 0), (1, 5), (1, 9), (1, 15), (2, 0), (2, 12), (3, 0), (3, 15), (2, 10))
    checks = []
    for (fmt, wbits), line in zip(combos, lines):
        blob = bytes.fromhex(line)
        assert _inflate(fmt, wbits, blob) == data  # the host's zlib reads it back
        if fmt == 2:  # RFC 1950 header: CINFO from wbits (at least 1), a valid FCHECK
            w = wbits or 8
            assert blob[0] == (max(w - 8, 1) << 4 | 8) and int.from_bytes(blob[:2], "big") % 31 == 0
            assert blob[-4:] == zlib.adler32(data).to_bytes(4, "big")
        if fmt == 3:  # RFC 1952: the firmware's fixed header, CRC-32 and length footer
            assert blob[:10] == b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x04\x03"
            assert blob[-8:] == zlib.crc32(data).to_bytes(4, "little") + len(data).to_bytes(4, "little")
        read_fmt = fmt or 1  # AUTO writes RAW, but reads a header
        checks.append(f"print(deflate.DeflateIO(io.BytesIO({blob!r}), {read_fmt}, {wbits}).read() == D)")
    # the reference binary decompresses each with the window it was made for (8 by default):
    # a distance beyond the window would be an error there
    program = f"import deflate, io\nD = {data!r}\n" + "\n".join(checks)
    assert _micropython(program, tmp_path) == "True\n" * len(combos)
    # small windows cost compression, larger ones help (the 700-byte repeat needs 1 << 10)
    sizes = {combo: len(line) for combo, line in zip(combos, lines)}
    assert sizes[(1, 5)] > sizes[(1, 9)] > sizes[(1, 15)]
    # a static-Huffman block of literals is what any encoder writes for these (CPython's too)
    # (nothing written: nothing to finish, no output at all)
    assert lines[10].split("|") == [_compress(b"hello", -15).hex(), _compress(b"a", -15).hex(), ""]


def test_compression_stream_errors(tmp_path) -> None:
    r = jitvm_run(tmp_path, COMPRESS.format(data=b"x"))
    tail = r.stdout.split("\n", 11)[11]
    assert tail == (
        # RAW: output bytes go out as soon as they are whole (3 header bits + 8 per literal);
        # a -1 from the stream is OSError(1) wherever it happens, close() included (then the
        # underlying stream is not closed: the error leaves close() early, as in the firmware)
        "write b'K'\nOSError (1,)\n"
        "write b'K'\nwrite b'L'\n2\nwrite b'\\x02'\nwrite b'\\x00'\nOSError (1,)\n"
        # ZLIB and GZIP: a failed header write is EINVAL
        "write b'\\x18\\x95'\nOSError (22,)\n"
        "write b'\\x18\\x95'\nwrite b'K'\nwrite b'L'\n2\nwrite b'\\x02'\nOSError (1,)\n"
        "write b'\\x1f\\x8b\\x08\\x00\\x00\\x00\\x00\\x00\\x04\\x03'\nOSError (22,)\n"
        "write b'\\x1f\\x8b\\x08\\x00\\x00\\x00\\x00\\x00\\x04\\x03'\nwrite b'K'\nwrite b'L'\n2\n"
        "write b'\\x02'\nOSError (1,)\n"
        # writing after close() is EINVAL
        "OSError (22,)\nTrue\n"
    ), r.stdout + r.stderr


STREAM_FOOTER = """
import deflate, io
class W(io.IOBase):
    def __init__(self):
        self.n = 0
    def write(self, buf):
        print("write", bytes(buf))
        self.n += 1
        return -1 if self.n == 3 else len(buf)
    def ioctl(self, req, arg):
        print("ioctl", req, arg)
        return 0
g = deflate.DeflateIO(W(), deflate.ZLIB, 0, True)
g.write(b"a")
try:
    g.close()
except OSError as e:
    print("OSError", e.args)
g.close()
"""


def test_a_failed_close_byte_is_written_again(tmp_path) -> None:
    # header, 'K', then close()'s first byte fails: it stays pending, so the second close()
    # writes it again before the rest, the footer, and closes the stream
    r = jitvm_run(tmp_path, STREAM_FOOTER)
    assert r.stdout == ("write b'\\x18\\x95'\nwrite b'K'\nwrite b'\\x04'\nOSError (1,)\n"
                        "write b'\\x04'\nwrite b'\\x00'\nwrite b'\\x00'\nwrite b'\\x00b\\x00b'\n"
                        "ioctl 4 0\n"), r.stdout + r.stderr


class _Bits:
    """An LSB-first bit packer (RFC 1951 3.1.1); Huffman codes go most-significant bit first."""

    def __init__(self) -> None:
        self.bits: list[int] = []

    def value(self, v: int, n: int) -> None:
        self.bits += [(v >> i) & 1 for i in range(n)]

    def code(self, text: str) -> None:
        self.bits += [int(c) for c in text]

    def bytes(self) -> bytes:
        b = self.bits + [0] * (-len(self.bits) % 8)
        return bytes(sum(b[i + j] << j for j in range(8)) for i in range(0, len(b), 8))


def _incomplete_literal_code() -> bytes:
    """A dynamic block whose literal code has two 2-bit codes ('A' 00, end 01), so the code
    11... decodes to nothing."""
    w = _Bits()
    w.value(1, 1), w.value(2, 2), w.value(0, 5), w.value(0, 5), w.value(12, 4)  # 257, 1, 16
    for length in (0, 0, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1):  # 18: 11, 0: 10, 2: 0
        w.value(length, 3)
    w.code("11"), w.value(54, 7), w.code("0")  # 65 zeros, then 'A' gets length 2
    w.code("11"), w.value(127, 7), w.code("11"), w.value(41, 7)  # 190 zeros
    w.code("0"), w.code("0")  # end-of-block: 2; the one distance code: 2
    w.code("00"), w.code("1" * 16), w.code("01")  # 'A', a code of nothing, end
    return w.bytes()


def test_a_code_of_nothing_is_the_byte_uzlib_writes(tmp_path) -> None:
    # uzlib's symbol decoder gives its status -3 for it, and the block decoder writes that
    # out as a literal (0xFD) and goes on: the firmware's quirk, kept
    program = ("import deflate, io\n"
               f"print(deflate.DeflateIO(io.BytesIO({_incomplete_literal_code()!r}), 1).read())\n")
    assert _micropython(program, tmp_path) == "b'A\\xfd'\n"
    assert jitvm_run(tmp_path, program).stdout == "b'A\\xfd'\n"


def _fuzz_program(seed: int, n: int) -> str:
    """Damaged static-Huffman and stored streams in every format (flipped, dropped and
    inserted bytes), read 97 bytes at a time: what came out, the error, the source position."""
    import random

    rng = random.Random(seed)
    bases = []
    for wbits, level in ((15, 6), (31, 9), (-15, 1), (9, 6), (15, 0), (-9, 9)):
        c = zlib.compressobj(level, zlib.DEFLATED, wbits, 8, zlib.Z_FIXED)
        bases.append((wbits, c.compress(TEXT[:2500]) + c.flush()))
    cases = []
    for _ in range(n):
        wbits, blob = rng.choice(bases)
        b = bytearray(blob)
        for _ in range(rng.randint(1, 3)):
            k = rng.randrange(len(b))
            op = rng.random()
            if op < 0.6:
                b[k] ^= 1 << rng.randrange(8)
            elif op < 0.8:
                del b[k:k + rng.randint(1, 4)]
            else:
                b[k:k] = bytes([rng.randrange(256)])
        fmt = 1 if wbits < 0 else rng.choice((0, 2, 3))
        w = rng.choice((0, 8, 9, 15)) if wbits < 0 else rng.choice((0, 0, 10, 15))
        cases.append((bytes(b), fmt, w))
    return f"import deflate, io\nC = {cases!r}\n" + """
for data, fmt, w in C:
    s = io.BytesIO(data)
    g = deflate.DeflateIO(s, fmt, w)
    n = 0
    try:
        while True:
            x = g.read(97)
            if not x:
                break
            n += len(x)
        r = 'ok'
    except Exception as e:
        r = type(e).__name__ + repr(e.args)
    print(r, n, s.seek(0, 1))
"""


def test_damaged_streams_fail_as_on_micropython(tmp_path) -> None:
    program = _fuzz_program(2024, 300)
    expected = _micropython(program, tmp_path)
    assert len(expected.splitlines()) == 300
    assert jitvm_run(tmp_path, program).stdout == expected
