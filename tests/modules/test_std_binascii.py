"""jitvm's guest `binascii` module against the real MicroPython binary."""

import importlib.util
from pathlib import Path

_spec = importlib.util.spec_from_file_location(
    "std_harness", Path(__file__).with_name("test_std_harness.py")
)
harness = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(harness)

SETUP = "import binascii as b\nfrom array import array"

CASES = [
    "b.hexlify(b'\\x01\\xab')",
    "b.hexlify(b'\\x01\\xab', '-')",
    "b.hexlify(b'\\x01\\xab', b':')",
    "b.hexlify(b'', ':')",
    "b.hexlify('ab')",
    "b.hexlify(b'ab', 'xy')",
    "b.hexlify(b'ab', '')",
    "b.hexlify(b'ab', 1)",
    "b.hexlify(1)",
    "b.hexlify(bytearray(b'ab'))",
    "b.hexlify(memoryview(b'ab'))",
    "b.hexlify(array('h', [1, 2]))",
    "b.unhexlify('01ab')",
    "b.unhexlify(b'01aB')",
    "b.unhexlify('01a')",
    "b.unhexlify('0g')",
    "b.unhexlify('01 ab')",
    "b.unhexlify(' 01\\nab ')",
    "b.unhexlify('0 1')",
    "b.unhexlify(b'')",
    "b.unhexlify(1)",
    "b.unhexlify('FF')",
    "b.a2b_base64(b'aGVsbG8=')",
    "b.a2b_base64('aGVsbG8')",
    "b.a2b_base64('aGV sbG8=')",
    "b.a2b_base64('a')",
    "b.a2b_base64('aG=VsbG8=')",
    "b.a2b_base64('!!!!')",
    "b.a2b_base64('aGVsbG8===')",
    "b.a2b_base64('aGVs=bG8')",
    "b.a2b_base64('YQ==')",
    "b.a2b_base64('YQ=')",
    "b.a2b_base64('YWI=')",
    "b.a2b_base64('YQ==YQ==')",
    "b.a2b_base64('Y=Q==')",
    "b.a2b_base64(1)",
    "b.a2b_base64('')",
    "b.b2a_base64(b'hello')",
    "b.b2a_base64(b'hello', newline=False)",
    "b.b2a_base64('hello')",
    "b.b2a_base64(b'x', newline=0)",
    "b.b2a_base64(b'x', False)",
    "b.b2a_base64(b'')",
    "b.b2a_base64(bytes(range(256)))",
    "b.b2a_base64(b'ab')",
    "b.b2a_base64(1)",
    "b.crc32(b'hello')",
    "b.crc32(b'hello', 123)",
    "b.crc32('hello')",
    "b.crc32(b'x', -1)",
    "b.crc32(b'x', 2**40)",
    "b.crc32(1)",
    "b.crc32(b'')",
    "b.crc32(b'abc', b.crc32(b'xyz'))",
]


def test_binascii_matches_micropython() -> None:
    harness.assert_same(["binascii", "array"], SETUP, CASES)


def test_binascii_exposes_what_micropython_exposes() -> None:
    import jitvm.modules.binascii as mod

    assert set(mod.__all__) == harness.micropython_dir("binascii")
