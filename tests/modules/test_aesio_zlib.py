"""CircuitPython's `aesio` (NIST SP 800-38A vectors, chaining, shared-bindings/aesio's
argument rules and texts) and `zlib.decompress`/`DecompIO` (data made by the host's zlib as
the independent reference), run end to end in jitvm's CircuitPython flavour."""

from __future__ import annotations

import zlib

from tests.interp.helpers import jitvm_run
from tests.modules.test_cryptolib import CBC128, CTR128, ECB128, K128, K256, PLAIN

K192 = "8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b"
ECB192 = ("bd334f1d6e45f25ff712a214571fa5cc974104846d0ad3ad7734ecb3ecee4eef"
          "ef7afd2270e2e60adce0ba2face6444e9a4b41ba738d6c72fb16691603c18e0e")
CTR256 = ("601ec313775789a5b7a7f504bbf3d228f443e3ca4d62b59aca84e990cacaf5c5"
          "2b0930daa23de94ce87017ba2d84988ddfc9c58db67aada613c2dd08457941a6")

AESIO = f"""
import aesio
from binascii import hexlify, unhexlify
P = unhexlify("{PLAIN}")
def h(b):
    return hexlify(b).decode()
def t(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
def blocks(cipher, data, decrypt=False):
    out = bytearray(len(data))
    for i in range(0, len(data), 16):
        f = cipher.decrypt_into if decrypt else cipher.encrypt_into
        f(data[i:i + 16], memoryview(out)[i:i + 16])
    return out
k128 = unhexlify("{K128}"); k192 = unhexlify("{K192}"); k256 = unhexlify("{K256}")
ctr = unhexlify("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff"); iv = bytes(range(16))
print(h(blocks(aesio.AES(k128), P)))
print(h(blocks(aesio.AES(k192, aesio.MODE_ECB), P)))
print(h(blocks(aesio.AES(k128, aesio.MODE_CBC, IV=iv), P)))
print(h(blocks(aesio.AES(k128, aesio.MODE_CTR, ctr), P)))
out = bytearray(64)
aesio.AES(k256, mode=aesio.MODE_CTR, IV=ctr).encrypt_into(P, out)
print(h(out))
print(blocks(aesio.AES(k128, aesio.MODE_CBC, IV=iv), unhexlify("{CBC128}"), True) == P)
c = aesio.AES(k128, aesio.MODE_CTR, IV=ctr)
a, b = bytearray(18), bytearray(18)
c.encrypt_into(P[:18], a); c.encrypt_into(P[32:50], b)  # a partial block is dropped
print(h(a) == "{CTR128}"[:36], h(b) == "{CTR128}"[64:100])
c = aesio.AES(k128, aesio.MODE_ECB)
c.rekey(k192)
print(h(blocks(c, P[:16])) == "{ECB192}"[:32], c.mode)
c.mode = aesio.MODE_CBC
print(c.mode, h(blocks(c, P[:16])))  # CBC with no IV: zeros
t(lambda: aesio.AES(b"short"))
t(lambda: aesio.AES(k128, 3))
t(lambda: aesio.AES(k128, aesio.MODE_CBC, IV=b"12"))
t(lambda: c.rekey(b"x" * 17))
t(lambda: setattr(c, "mode", 0))
e = aesio.AES(k128)
t(lambda: e.encrypt_into(b"x" * 16, bytearray(15)))
t(lambda: e.encrypt_into(b"x" * 32, bytearray(32)))
t(lambda: e.encrypt_into(b"x" * 16, b"y" * 16))
t(lambda: aesio.AES(k128, aesio.MODE_CBC).encrypt_into(b"x" * 17, bytearray(17)))
print(aesio.MODE_ECB, aesio.MODE_CBC, aesio.MODE_CTR, aesio.block_size, aesio.key_size)
"""


def test_aesio_vectors_and_texts(tmp_path) -> None:
    r = jitvm_run(tmp_path, AESIO, "--flavor", "circuitpython")
    assert r.returncode == 0, r.stdout + r.stderr
    lines = r.stdout.splitlines()
    assert lines[:5] == [ECB128, ECB192, CBC128, CTR128, CTR256]
    assert lines[5:8] == ["True", "True True", "True 1"]
    assert lines[8].startswith("2 ")
    assert lines[9:] == [
        "ValueError Key must be 16, 24, or 32 bytes long",
        "NotImplementedError Requested AES mode is unsupported",
        "ValueError IV length must be 16",
        "ValueError Key must be 16, 24, or 32 bytes long",
        "NotImplementedError Requested AES mode is unsupported",
        "ValueError Source and destination buffers must be the same length",
        "ValueError ECB only operates on 16 bytes at a time",
        "TypeError object with buffer protocol required",
        "ValueError CBC blocks must be multiples of 16 bytes",
        "1 2 6 16 (16, 24, 32)",
    ]


def _z(data: bytes, wbits: int, level: int = 6) -> bytes:
    c = zlib.compressobj(level, zlib.DEFLATED, wbits)
    return c.compress(data) + c.flush()


def test_zlib_decompress_and_decompio(tmp_path) -> None:
    text = b"".join(b"%d-%d " % (i, i % 7) for i in range(900))
    program = f"""
import zlib, io
T = {text!r}
for data, wbits in (({_z(text, 15)!r}, 0), ({_z(text, 31, 9)!r}, 31), ({_z(text, -15)!r}, -15),
                    ({_z(text, 15, 0)!r}, 15)):
    r = zlib.decompress(data, wbits)
    print(type(r).__name__, r == T)
print(zlib.decompress({_z(b"hello", -15)!r} + b"\\x00" * 8, -15))
for bad, wbits in ((b"abc", 0), (b"\\x07", -15), ({_z(text, 31)!r}, 0), ({_z(text, 15)!r}, 31),
                   ({_z(text, 15)[:-1] + b"x"!r}, 0)):
    try:
        zlib.decompress(bad, wbits)
    except ValueError as e:
        print("ValueError", e.args)
d = zlib.DecompIO(io.BytesIO({_z(text, 15)!r}))
print(d.read(6), d.readline(3), len(d.read()), d.read())
d = zlib.DecompIO(io.BytesIO({_z(text, -10)!r}), -10)
print(d.read() == T)
try:
    zlib.DecompIO(io.BytesIO(b"xx"))
except ValueError as e:
    print("ValueError", e)
try:
    zlib.DecompIO(io.BytesIO({_z(text, 15)[:30]!r})).read()
except EOFError:
    print("EOFError")
"""
    r = jitvm_run(tmp_path, program, "--flavor", "circuitpython")
    assert r.stdout == (
        "bytearray True\n" * 4 + "bytearray(b'hello')\n"
        # uzlib's status: -3 bad data (a wrong header too), -4 a checksum that differs
        + "ValueError (-3,)\n" * 4 + "ValueError (-4,)\n"
        + f"{text[:6]!r} {text[6:9]!r} {len(text) - 9} b''\nTrue\n"
        + "ValueError compression header\nEOFError\n"
    ), r.stdout + r.stderr
