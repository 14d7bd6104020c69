"""jitvm's guest `struct` module against the real MicroPython binary."""

import importlib.util
from pathlib import Path

_spec = importlib.util.spec_from_file_location("std_harness", Path(__file__).with_name("test_std_harness.py"))
harness = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(harness)

SETUP = "import struct as s\nfrom array import array\nb = bytearray(8)"

CASES = [
    "s.pack('<h', 1)", "s.pack('>h', 1)", "s.pack('!I', 1)", "s.pack('=i', -1)", "s.pack('@bi', 1, 2)",
    "s.pack('bi', 1, 2)", "s.pack('<bi', 1, 2)", "s.calcsize('bi')", "s.calcsize('<bi')", "s.calcsize('@bq')",
    "s.calcsize('bd')", "s.calcsize('l')", "s.calcsize('P')", "s.calcsize('e')", "s.calcsize('3s')",
    "s.calcsize('3x')", "s.calcsize('?')", "s.calcsize('2h')", "s.calcsize('O')", "s.calcsize('z')",
    "s.calcsize('')", "s.calcsize(' h')", "s.calcsize('h h')", "s.pack('<h', 70000)", "s.pack('<B', -1)",
    "s.pack('<b', 200)", "s.pack('<h')", "s.pack('<h', 1, 2)", "s.pack('<h', 1.5)", "s.pack('<f', 1)",
    "s.pack('<d', 'a')", "s.pack('<3s', b'abcdef')", "s.pack('<3s', b'a')", "s.pack('<3s', 'ab')",
    "s.pack('<s', 1)", "s.pack('<2x')", "s.pack('<?', 2)", "s.pack('<e', 1.5)", "s.pack('<q', 2**64)",
    "s.pack('<Q', -1)", "s.pack('<Q', 2**64)", "s.pack('<I', 2**32)", "s.pack('<2h', 1, 2)",
    "s.pack('<0s', b'a')", "s.pack('<f', 1e40)", "s.pack('<f', -1e40)", "s.pack('<P', 5)",
    "s.unpack('<h', b'\\x01\\x00')", "s.unpack('<h', b'\\x01')", "s.unpack('<h', b'\\x01\\x00\\x00')",
    "s.unpack('<3s', b'abc')", "s.unpack('<e', b'\\x00\\x3c')", "s.unpack('<2x h', b'\\x00\\x00\\x01\\x00')",
    "s.unpack('<f', b'\\x00\\x00\\x80\\x7f')", "s.unpack('<Q', b'\\xff' * 8)", "s.unpack('<q', b'\\xff' * 8)",
    "s.unpack('<h', 1)", "s.unpack('<h', 'ab')", "s.unpack_from('<h', b'\\x00\\x01\\x02', 1)",
    "s.unpack_from('<h', b'\\x00\\x01\\x02', -2)", "s.unpack_from('<h', b'\\x00\\x01\\x02', -1)",
    "s.unpack_from('<h', b'\\x00\\x01\\x02', 5)", "s.unpack_from('<h', b'\\x00\\x01\\x02', -5)",
    "s.unpack_from('<h', b'\\x00\\x01\\x02')", "s.unpack_from('<h', b'\\x00\\x01\\x02', offset=1)",
    "s.pack_into('<h', b, 0, 0x102)\nreturn b", "s.pack_into('<h', b, -2, 0x304)\nreturn b",
    "s.pack_into('<h', b, 7, 1)", "s.pack_into('<h', b, -9, 1)", "s.pack_into('<h', b'ab', 0, 1)",
    "s.pack_into('<h', b, 8, 1)", "s.pack_into('<h', b, -1, 1)", "s.pack('x')", "s.pack('<hx', 1)",
    "s.pack('<xh', 1)", "s.pack('h<', 1)", "s.pack('<hh', 1)", "s.unpack('2s', b'ab')", "s.pack('<Z', 1)",
    "s.pack('<h', True)", "s.pack('<i', 2**40)", "s.pack('<h', -32769)", "s.pack('>e', 65520.0)",
    "s.pack('<e', 1e-8)", "s.pack('<e', 1e10)", "s.unpack('<e', b'\\x00\\x7c')", "s.unpack('<e', b'\\x01\\x7c')",
    "s.pack('<10s', b'abc')", "s.pack('@h', 1)", "s.pack('@bh', 1, 2)", "s.calcsize('@bL')", "s.pack('<l', 2**40)",
    "s.calcsize('<l')", "s.pack('<s', b'')", "s.unpack('<0s', b'')", "s.pack(b'<h', 1)", "s.calcsize(1)",
    "s.pack('<h', 1, x=1)", "s.unpack('<I', bytearray(b'abcd'))", "s.unpack('<I', memoryview(b'abcd'))",
    "s.pack('<3h', 1, 2, 3)", "s.pack('<d', 2**2000)", "s.pack('<2s', 5)", "s.pack('<b', '1')",
    "s.unpack('<bb', b'\\x01\\x02\\x03')", "s.pack('<q', 2**63)", "s.pack('<q', -2**63 - 1)",
    "s.calcsize('<P')", "s.calcsize('<O')", "s.unpack('<h')", "s.unpack('<h', b'', 1)", "s.pack()",
    "s.unpack_from('<h')", "s.pack_into('<h', b)", "s.pack_into('<h', b, 0)\nreturn b",
    "s.unpack_from('<h', b, 0, 1)", "s.calcsize('2')", "s.calcsize('<')", "s.calcsize('<<h')",
    "s.pack('<P', 2**64 + 1)", "s.calcsize('10')", "s.unpack('<3s2s', b'abcde')", "s.pack('<2s', bytearray(b'xyz'))",
    "s.pack_into('<h', b, 1.0, 1)", "s.unpack_from('<h', b, 'a')", "s.pack('<q', 2**200 + 5)",
    "s.pack('<q', -2**200 - 5)", "s.calcsize('@bbbbbq')", "s.calcsize('@hi')",
    "m = bytearray(4)\ns.pack_into('<h', memoryview(m), 1, -2)\nreturn m",
    "a = array('h', [0, 0])\ns.pack_into('<h', a, 2, 7)\nreturn a", "s.unpack('<2h', array('h', [3, -4]))",
    "[s.calcsize(f) for f in ('@hb', '@b3s', '@bxi', '@b2xi', '@bh3s', '@bhb', '@5sq', '@bP', '@be', '@bf', '@b0i', '@b2i', '@2bi', '@3bq', '@b2q')]",
    "s.pack('@b3s', 1, b'ab')", "s.pack('@bxi', 1, 2)", "s.pack('>bhiq', 1, 2, 3, 4)", "s.unpack('>bhiq', s.pack('>bhiq', -1, -2, -3, -4))",
    "[s.pack('>e', v) for v in (1e10, 70000.0, 65504.0, 65519.0, 1e-5, 6e-8, 3e-8, -2.5, float('nan'), float('inf'), -float('inf'), 1e5, 1.0009765625, 1.00048828125, 1.0014648437, 2**-24, 2**-25, 1.5*2**-25, 131008.0, 0.0, -0.0, 6.1e-5, 3e-5)]",
    "[s.unpack('>e', h) for h in (b'\\x00\\x01', b'\\x03\\xff', b'\\x04\\x00', b'\\x80\\x00', b'\\xfc\\x00', b'\\x7b\\xff')]",
    "s.unpack('<f', s.pack('<f', 0.1))", "s.unpack('<d', s.pack('<d', 0.1))", "s.pack('!H', 258)",
    "s.unpack('<H', b'ab', -2)",
]


def test_struct_matches_micropython() -> None:
    harness.assert_same(["struct", "array"], SETUP, CASES)


def test_struct_exposes_what_micropython_exposes() -> None:
    import jitvm.modules.struct as mod

    assert set(mod.__all__) == harness.micropython_dir("struct")
