"""Guest module `uctypes` against the real MicroPython 1.29 binary: the same programs print the
same (they print nothing that depends on where a buffer lives)."""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.interp.helpers import jitvm_run

MICROPYTHON = Path(sys.executable).parent / "micropython"

# every scalar type under the four layouts (a layout other than 0/1/2 is big-endian for MicroPython,
# but its bitfields are written back little-endian), bitfields, nested structs, arrays of scalars
# and of structs, UINT8 arrays as bytearrays, pointers to scalars and structs, bytes_at/bytearray_at
LAYOUTS = r'''
import uctypes as u

def t(f):
    try:
        v = f()
        print(repr(v) if not isinstance(v, float) else "%.6g" % v)
    except Exception as e:
        print(type(e).__name__, e)

buf = bytearray(range(32))
DESC = {
    "b": u.UINT8 | 0, "sb": u.INT8 | 1, "h": u.UINT16 | 2, "sh": u.INT16 | 2,
    "i": u.UINT32 | 4, "si": u.INT32 | 4, "q": u.UINT64 | 8, "sq": u.INT64 | 8,
    "f": u.FLOAT32 | 16, "d": u.FLOAT64 | 24,
    "bf": u.BFUINT16 | 2 | 3 << u.BF_POS | 6 << u.BF_LEN,
    "sbf": u.BFINT8 | 5 | 4 << u.BF_POS | 8 << u.BF_LEN,
    "sub": (4, {"x": u.UINT8 | 0, "y": u.UINT16 | 1}),
    "a16": (u.ARRAY | 8, u.UINT16 | 4),
    "as8": (u.ARRAY | 8, u.INT8 | 4),
    "aof": (u.ARRAY | 12, 2, {"lo": u.UINT8 | 0, "hi": u.UINT8 | 1}),
    "bytes": (u.ARRAY | 28, u.UINT8 | 4),
}
for layout in (u.LITTLE_ENDIAN, u.BIG_ENDIAN, u.NATIVE, 9):
    buf[:] = bytes(range(0xC0, 0xE0))
    s = u.struct(u.addressof(buf), DESC, layout)
    print("layout", layout, u.sizeof(s), u.sizeof(DESC, layout))
    for name in sorted(DESC):
        v = getattr(s, name)
        if isinstance(v, int):
            print(name, v)
    print(s.sub.x, s.sub.y, s.a16[0], s.a16[3], s.as8[1], s.aof[1].lo, s.aof[1].hi, s.bytes)
    s.b = 300; s.sb = -2; s.h = -1; s.bf = 0x7F; s.sbf = -1
    s.i = 1 << 40 | 5; s.q = -3; s.f = 1.5; s.d = -2.25
    s.sub.x = 7; s.a16[2] = 0x1234; s.as8[0] = -100; s.bytes[1] = 0x41
    print(buf)
    t(lambda: (s.f, s.d, s.sq, s.si, s.bf, s.sbf))
    t(lambda: s.a16[4])
    t(lambda: s.aof[2])
    t(lambda: s.nope)
    t(lambda: s[0])
    t(lambda: str(s.sub)[:14])
    t(lambda: u.sizeof(s.sub))
    t(lambda: u.sizeof(s.a16))
    t(lambda: u.sizeof(s.bytes))
    t(lambda: u.sizeof(s.aof))
    t(lambda: bytes(s.sub))

# pointers: a buffer holding the address of another
target = bytearray(b"\x01\x02\x03\x04\x05\x06\x07\x08")
cell = bytearray(8)
PD = {"p": (u.PTR | 0, u.UINT16), "ps": (u.PTR | 0, {"a": u.UINT8 | 0, "b": u.UINT8 | 1}),
      "raw": u.UINT64 | 0}
P = u.struct(u.addressof(cell), PD, u.LITTLE_ENDIAN)
P.raw = u.addressof(target)
print(int(P.p) == u.addressof(target), P.p[0], P.p[3], P.ps[1].a, P.ps[3].b)
def store_through_ptr():
    P.p[0] = 99  # MicroPython reads it and stores nothing
t(store_through_ptr)
print(target)
print(u.bytes_at(u.addressof(target) + 2, 3), u.bytes_at(0, 0), u.bytearray_at(0, 0))
ba = u.bytearray_at(u.addressof(target) + 4, 4)
ba[0] = 0x61; ba[1:3] = b"bc"
print(ba, len(ba), ba[-1], ba[1:], ba[::2] if False else "", type(ba), target)
print(bytes(ba), bytearray(ba), ba == b"abc\x08", u.sizeof(ba), u.addressof(ba) - u.addressof(target))
print(bytearray(u.struct(u.addressof(target), {"x": u.UINT32 | 0})))
print(u.sizeof({"p": (u.PTR | 0, u.UINT8), "c": u.UINT8 | 8}), u.sizeof({"f": u.FLOAT64 | 1}, 0))
print(u.sizeof({"a": (u.ARRAY | 0, 3, {"a": u.UINT16, "b": u.UINT8 | 2})}))
print(u.sizeof({"a": (u.ARRAY | 0, 3, {"a": u.UINT16, "b": u.UINT8 | 2})}, u.BIG_ENDIAN))
'''

# error types and texts, argument counts, descriptor syntax errors, struct printing at fixed addresses
ERRORS = r'''
import uctypes as u
from collections import OrderedDict

def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

print(sorted(n for n in dir(u) if not n.startswith("_")))
print([getattr(u, n) for n in ("UINT8", "INT8", "UINT16", "INT16", "UINT32", "INT32", "UINT64",
                               "INT64", "BFUINT8", "BFINT32", "FLOAT32", "FLOAT64", "VOID", "PTR",
                               "ARRAY", "BF_POS", "BF_LEN", "NATIVE", "LITTLE_ENDIAN",
                               "BIG_ENDIAN", "LONG", "INT", "SHORT", "ULONGLONG")])
print(u.struct, type(u.struct(0, {})))
try:
    import uuctypes
except ImportError as e:
    print("ImportError", e)
d = bytearray(8)
S = u.struct(u.addressof(d), {"a": u.UINT8 | 0, "x": (u.ARRAY | 0, u.INT16 | 2)})
t(lambda: S.x["a"])
t(lambda: S.x[0:1])
t(lambda: len(S))
t(lambda: hash(S))
t(lambda: S == S)
t(lambda: u.struct(d, {}))
t(lambda: u.struct(1.5, {}))
t(lambda: u.struct(1, {}, "x"))
t(lambda: u.struct(1))
t(lambda: u.struct(1, {}, 2, 3))
t(lambda: u.struct(1, {}, x=2))
t(lambda: u.addressof(1))
t(lambda: u.addressof())
t(lambda: u.addressof("abc") > 0)
t(lambda: u.bytes_at(1))
t(lambda: u.sizeof())
t(lambda: u.sizeof(1, 2, 3))
t(lambda: u.sizeof({}, x=2))
t(lambda: u.sizeof(1))
t(lambda: u.sizeof("x"))
t(lambda: u.sizeof(S, 1))
t(lambda: u.sizeof(d))
t(lambda: u.sizeof(S.x))
t(lambda: u.sizeof([]))
t(lambda: u.sizeof({"a": "b"}))
t(lambda: u.sizeof({"a": (u.PTR | 0,)}))
t(lambda: u.sizeof({}, 1.0))
t(lambda: u.sizeof((u.ARRAY | 0, 3, {"a": u.UINT16})))
t(lambda: u.sizeof({"a": u.BFUINT32 | 3 | 4 << u.BF_POS | 4 << u.BF_LEN}))
for desc in ({}, OrderedDict(), [], 5, (), (5,), (u.ARRAY | 0, 5), (u.PTR | 0, u.UINT8)):
    t(lambda: str(u.struct(0, desc)))
for addr in (0x1234, -1, 1 << 70, True):
    t(lambda: str(u.struct(addr, {})))
t(lambda: u.struct(0, (u.ARRAY | 0, 5)).x)
t(lambda: u.struct(0, {"a": 1.5}).a)
t(lambda: u.struct(0, {1: 5}).a)
t(lambda: str(u.struct(0, {"a": (0, 5)}).a))
t(lambda: u.struct(0, {"a": (0, 5)}).a.b)
t(lambda: u.struct(0, (u.ARRAY | 0, 1, 5))[0])
t(lambda: type(u.struct(0, {"a": (u.ARRAY | 0, u.UINT8 | 2)}).a))
A = u.struct(u.addressof(d), (u.ARRAY | 0, 2, {"a": u.UINT8}))
def f():
    A[0] = 1
t(f)
def g():
    del A[0]
t(g)
T = u.struct(u.addressof(d), (0, {"a": u.UINT8}))
t(lambda: T[0])
b = u.bytearray_at(u.addressof(d), 4)
def h():
    b[0:2] = b"xy"
    b[3] = 300
    b[2] = -1
    return b
t(h)
t(lambda: b[::2])
t(lambda: b[4])
t(lambda: hash(b))
t(lambda: b + b"1")
G = u.struct(u.addressof(d), {"a": u.INT32 | 0, "f": u.FLOAT32 | 4, "b": u.BFUINT8 | 4})
def s1():
    G.a = "x"
t(s1)
def s2():
    G.f = "x"
t(s2)
def s3():
    G.b = 2.0
t(s3)
def s4():
    G.b = 1 << 70
t(s4)
def s5():
    S.x = 1
t(s5)
def s6():
    del S.a
t(s6)
print(d)
'''

# arrays and memoryviews as buffers; a struct's own buffer; memoryview of bytearray_at (lazy);
# struct's 'S' code: the C string at an address
BUFFERS = r'''
import uctypes as u, array
buf = bytearray(b"\x10\x20\x30\x40\x50\x60\x70\x80")
a = u.addressof(buf)
S = u.struct(a, {"w": u.UINT16 | 2, "arr": (u.ARRAY | 0, u.UINT8 | 8)})
print(hex(S.w), S.arr[3], bytes(memoryview(S)), memoryview(S.arr)[2])
arr = array.array("H", [1, 2, 3])
T = u.struct(u.addressof(arr), (u.ARRAY | 0, u.UINT16 | 3))
T[1] = 500
print(arr, T[2], u.sizeof(T))
mv = memoryview(buf)
print(u.bytes_at(u.addressof(mv), 2), u.addressof(S.arr) == a, u.addressof(S) == a)
mv = memoryview(u.bytearray_at(a, 8))
print(mv, len(mv), mv[1], bytes(mv[2:4]), type(mv), mv[6:][1], u.addressof(mv[2:]) - a)
mv[0] = 0x55
mv[1:3] = b"xy"
print(buf, bytearray(mv[:3]), bytes(mv))
far = memoryview(u.bytearray_at(0, 1 << 50))
print(far[(1 << 50) - 1:], len(far[16:]))
try:
    print(mv[::2])
except NotImplementedError as e:
    print("NotImplementedError", e)
import struct
ba = bytearray(b"ab\0cd\0")
print(struct.unpack("<S", struct.pack("<S", u.addressof("h\xe9llo")))[0] == "h\xe9llo",
      struct.unpack("<S", struct.pack("<S", u.addressof(ba))),
      struct.unpack("<S", struct.pack("<S", u.addressof(ba) + 3)))
'''


# viper pointers and uctypes share one address space: an address, a struct, a UINT8 array
VIPER = r'''
import micropython, uctypes
buf = bytearray(8)
S = uctypes.struct(uctypes.addressof(buf), {"w": uctypes.UINT32 | 4, "a": (uctypes.ARRAY | 0, uctypes.UINT8 | 4)})

@micropython.viper
def fill(p: ptr8, n: int, v: int):
    for i in range(n):
        p[i] = v + i

fill(uctypes.addressof(buf) + 4, 4, 0x10)
print(hex(S.w), buf)
fill(S, 2, 0x41)
fill(S.a, 1, 0x61)
print(buf, S.a)
'''

def _micropython(tmp_path: Path, src: str) -> str:
    (tmp_path / "mp.py").write_text(src)
    r = subprocess.run([str(MICROPYTHON), "mp.py"], cwd=tmp_path, capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 0, r.stdout + r.stderr
    return r.stdout


@pytest.mark.skipif(not MICROPYTHON.exists(), reason="the real MicroPython binary is a test extra")
@pytest.mark.parametrize("program", [LAYOUTS, ERRORS, BUFFERS, VIPER],
                         ids=["layouts", "errors", "buffers", "viper"])
def test_uctypes_prints_as_micropython(tmp_path, program):
    expected = _micropython(tmp_path, program)
    got = jitvm_run(tmp_path, program)
    assert got.returncode == 0, got.stdout + got.stderr
    assert got.stdout == expected


MEM = r"""
import uctypes, machine
buf = bytearray(b"\x10\x20\x30\x40\x50\x60\x70\x80")
a = uctypes.addressof(buf)
print(machine.mem8[a + 1], hex(machine.mem32[a + 4]))
machine.mem16[a + 2] = 0xBEEF
s = uctypes.struct(a, {"w": uctypes.UINT16 | 2})
print(hex(s.w), buf[2], buf[3])
"""


def test_addresses_are_the_ones_machine_mem_uses(tmp_path):
    """One address space: uctypes.addressof(buf) is where machine.mem8 finds buf's bytes (the
    unix port's machine.mem needs /dev/mem, so the expected values come from the buffer)."""
    r = jitvm_run(tmp_path, MEM)
    assert r.stdout == "32 0x80706050\n0xbeef 239 190\n", r.stdout + r.stderr


def test_uuctypes_is_not_an_alias(tmp_path):
    """MicroPython 1.29 does not extend uctypes, so it has no `u`-less/`u`-prefixed twin."""
    r = jitvm_run(tmp_path, "import uuctypes\n")
    assert "ImportError: no module named 'uuctypes'" in r.stdout, r.stdout + r.stderr
