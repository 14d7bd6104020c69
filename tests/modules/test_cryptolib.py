"""Guest `cryptolib` (MicroPython): NIST vectors, chaining across calls, in-place and
out_buf forms, argument errors; run end to end in jitvm and compared with the real
MicroPython 1.29 binary where it has the feature (it is built without CTR mode)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.interp.helpers import jitvm_run

MICROPYTHON = Path(sys.executable).parent / "micropython"

# NIST SP 800-38A, appendix F (the four plaintext blocks), and FIPS-197 appendix C
PLAIN = ("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
         "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710")
K128 = "2b7e151628aed2a6abf7158809cf4f3c"
K256 = "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4"
ECB128 = ("3ad77bb40d7a3660a89ecaf32466ef97f5d3d58503b9699de785895a96fdbaaf"
          "43b1cd7f598ece23881b00e3ed0306887b0c785e27e8ad3f8223207104725dd4")
ECB256 = ("f3eed1bdb5d2a03c064b5a7e3db181f8591ccb10d410ed26dc5ba74a31362870"
          "b6ed21b99ca6f4f9f153e7b1beafed1d23304b7a39f9f3ff067d8d8f9e24ecc7")
CBC128 = ("7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2"
          "73bed6b8e3c1743b7116e69e222295163ff1caa1681fac09120eca307586e1a7")
CBC256 = ("f58c4c04d6e5f1ba779eabfb5f7bfbd69cfc4e967edb808d679f777bc6702c7d"
          "39f23369a9d9bacfa530e26304231461b2eb05e2c39be9fcda6c19078c6a9d1b")
CTR128 = ("874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff"
          "5ae4df3edbd5d35e5b4f09020db03eab1e031dda2fbe03d1792170a0f3009cee")
FIPS_PLAIN = "00112233445566778899aabbccddeeff"
FIPS128 = "69c4e0d86a7b0430d8cdb78070b4c55a"
FIPS256 = "8ea2b7ca516745bfeafc49904b496089"

SHARED = f"""
import cryptolib
from binascii import hexlify, unhexlify
P = unhexlify("{PLAIN}")
def h(b):
    return hexlify(b).decode()
def t(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
k128 = unhexlify("{K128}"); k256 = unhexlify("{K256}"); iv = bytes(range(16))
print(h(cryptolib.aes(k128, 1).encrypt(P)))
print(h(cryptolib.aes(k256, 1).encrypt(P)))
print(h(cryptolib.aes(bytes(range(16)), 1).encrypt(unhexlify("{FIPS_PLAIN}"))))
print(h(cryptolib.aes(bytes(range(32)), 1).encrypt(unhexlify("{FIPS_PLAIN}"))))
print(cryptolib.aes(k128, 1).decrypt(unhexlify("{ECB128}")) == P)
c = cryptolib.aes(k128, 2, iv)
print(h(c.encrypt(P[:16]) + c.encrypt(P[16:])))  # the chain carries over between calls
print(h(cryptolib.aes(k256, 2, bytearray(iv)).encrypt(P)))
d = cryptolib.aes(k256, 2, iv)
print(d.decrypt(unhexlify("{CBC256}")[:32]) + d.decrypt(unhexlify("{CBC256}")[32:]) == P)
buf = bytearray(P)
r = cryptolib.aes(k128, 1).encrypt(buf, buf)
print(r is buf, h(buf))
out = bytearray(80)
print(cryptolib.aes(k128, 1).encrypt(P, out) is out, h(out[64:]))
print(type(cryptolib.aes(k128, 1).encrypt(bytearray(16))).__name__)
print(cryptolib.aes("0123456789abcdef", 1).encrypt("0123456789abcdef") ==
      cryptolib.aes(b"0123456789abcdef", 1).encrypt(b"0123456789abcdef"))
a = cryptolib.aes(k128, 1)
t(lambda: a.encrypt(b""))
t(lambda: a.encrypt(b"x" * 15))
t(lambda: a.encrypt(P, bytearray(63)))
t(lambda: a.encrypt(P, bytes(64)))
t(lambda: a.decrypt(P))
t(lambda: a.encrypt())
t(lambda: a.encrypt(P, bytearray(64), 1))
t(lambda: a.encrypt(5))
t(lambda: cryptolib.aes(b"k" * 24, 1))
t(lambda: cryptolib.aes(k128, 3))
t(lambda: cryptolib.aes(k128, 2))
t(lambda: cryptolib.aes(k128, 2, b"short"))
t(lambda: cryptolib.aes(k128, 1, b"ignored?"))
t(lambda: cryptolib.aes(k128))
t(lambda: cryptolib.aes(k128, 1, None, 4))
t(lambda: cryptolib.aes(key=k128, mode=1))
t(lambda: cryptolib.aes(1, 1))
t(lambda: cryptolib.aes(k128, 1.5))
print(repr(a), type(a).__name__)
import ucryptolib
print(ucryptolib.aes is cryptolib.aes)
import hashlib
big = bytes(range(256)) * 24  # past the size where jitvm switches to its numpy kernel
for k, mode, args in ((k128, 1, ()), (k256, 1, ()), (k128, 2, (iv,)), (k256, 2, (iv,))):
    e = cryptolib.aes(k, mode, *args).encrypt(big)
    print(h(hashlib.sha256(e).digest()), cryptolib.aes(k, mode, *args).decrypt(e) == big)
"""


def _micropython(program: str) -> str:
    proc = subprocess.run([str(MICROPYTHON), "-c", program], capture_output=True, text=True,
                          timeout=60, check=False)
    return proc.stdout + proc.stderr


def test_cryptolib_matches_micropython_and_nist(tmp_path) -> None:
    r = jitvm_run(tmp_path, SHARED)
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout == _micropython(SHARED)
    lines = r.stdout.splitlines()
    assert lines[:4] == [ECB128, ECB256, FIPS128, FIPS256]  # the standards' own values
    assert lines[5] == CBC128[:64] + CBC128[64:] and lines[6] == CBC256
    assert "ValueError can't encrypt & decrypt" in lines and "ValueError blksize % 16" in lines


CTR = f"""
import cryptolib
from binascii import hexlify, unhexlify
P = unhexlify("{PLAIN}")
key = unhexlify("{K128}"); ctr = unhexlify("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff")
print(hexlify(cryptolib.aes(key, 6, ctr).encrypt(P)).decode())
c = cryptolib.aes(key, 6, ctr)
parts = [c.encrypt(P[:5]), c.encrypt(P[5:21]), c.encrypt(P[21:])]  # a stream: no block rule
print(hexlify(b"".join(parts)).decode())
print(cryptolib.aes(key, 6, ctr).decrypt(unhexlify("{CTR128}")) == P)
w = cryptolib.aes(key, 6, b"\\xff" * 16)  # the 128-bit counter wraps to zero
print(w.encrypt(bytes(32))[16:] == cryptolib.aes(key, 1).encrypt(bytes(16)))
big = bytes(range(256)) * 24
one = cryptolib.aes(key, 6, ctr).encrypt(big)  # numpy kernel
c = cryptolib.aes(key, 6, ctr)
print(one == b"".join(c.encrypt(big[i:i + 16]) for i in range(0, len(big), 16)))
try:
    cryptolib.aes(key, 6)
except ValueError as e:
    print("ValueError", e)
"""


def test_ctr_mode_follows_sp800_38a(tmp_path) -> None:
    # MicroPython's CTR (MICROPY_PY_CRYPTOLIB_CTR) is not in the reference binary's build:
    # the expected values are NIST SP 800-38A F.5.1's
    r = jitvm_run(tmp_path, CTR)
    assert r.stdout == f"{CTR128}\n{CTR128}\nTrue\nTrue\nTrue\nValueError IV\n", r.stdout + r.stderr
