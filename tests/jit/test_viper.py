"""@micropython.viper in both tiers: machine-word semantics at 64 and 32 bits, the pointer
sandbox, compile errors, the side table's cache, tier 1's machine code.

What MicroPython prints for viper code is checked against its binary by the conformance
suite (conformance/suite/viper); here the 32-bit words (no unix binary has them) are checked
against arithmetic done in the test, and every program runs in tier 0 and tier 1."""

from __future__ import annotations

import textwrap

import pytest

from .helpers import run_jitvm

KERNELS = """
import micropython

@micropython.viper
def arith(x: int, y: int):
    return x + y, x - y, x * y, x << 3, x >> 2, -x, ~x, x & y, x | y, x ^ y

@micropython.viper
def uarith(x: uint, y: uint):
    return x + y, x - y, x * y, x >> 3, x < y, ~x

@micropython.viper
def divs(x: int, y: int):
    return x // y, x % y

for a, b in ((3, 5), (-7, 2), (2**31 - 1, 2), (2**40 + 3, -(2**35) + 7), (-(2**63), -1),
             (2**63 - 1, 2**63 - 1), (123456789, 987654321)):
    print(*arith(a, b))
    print(*uarith(a, b))
    print(*divs(a, b))
"""


def _word(v: int, bits: int, signed: bool) -> int:
    v &= (1 << bits) - 1
    return v - (1 << bits) if signed and v >> (bits - 1) else v


def _expected(bits: int) -> str:
    """What the kernels print with ``bits``-bit words, computed here (Python's ints)."""
    out = []
    s = lambda v: _word(v, bits, True)  # noqa: E731
    u = lambda v: _word(v, bits, False)  # noqa: E731
    for a, b in ((3, 5), (-7, 2), (2**31 - 1, 2), (2**40 + 3, -(2**35) + 7), (-(2**63), -1),
                 (2**63 - 1, 2**63 - 1), (123456789, 987654321)):
        x, y = s(a), s(b)
        sh = 63 if bits == 64 else 255
        out.append((s(x + y), s(x - y), s(x * y), s(x << (3 & sh)), x >> 2, s(-x), s(~x),
                    s(x & y), s(x | y), s(x ^ y)))
        ux, uy = u(a), u(b)
        out.append((u(ux + uy), u(ux - uy), u(ux * uy), ux >> 3, ux < uy, u(~ux)))
        out.append((s(x // y), s(x % y)) if y else ())
    return "".join(" ".join(map(str, row)) + "\n" for row in out)


@pytest.mark.parametrize("bits", [64, 32])
@pytest.mark.parametrize("tier", ["0", "1"])
def test_words_wrap_at_the_word_size_in_both_tiers(tmp_path, bits, tier):
    (tmp_path / "k.py").write_text(KERNELS)
    r = run_jitvm("run", "--tier", tier, "--viper-bits", str(bits), str(tmp_path / "k.py"))
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout == _expected(bits)


def test_a_32_bit_board_layout_gives_32_bit_words(tmp_path):
    (tmp_path / "w.py").write_text(textwrap.dedent("""
        @micropython.viper
        def f(x: uint) -> uint:
            return x + 1
        print(f(-1), f(2**32 - 1))
    """))
    r = run_jitvm("run", "--layout", "raspberry_pi_pico", str(tmp_path / "w.py"))
    assert r.stdout == "0 0\n", r.stdout + r.stderr
    r = run_jitvm("run", str(tmp_path / "w.py"))
    assert r.stdout == "0 4294967296\n", r.stdout + r.stderr


SANDBOX = """
import micropython

@micropython.viper
def peek(a: uint, i: int) -> int:
    p = ptr8(a)
    return p[i]

@micropython.viper
def poke(buf: ptr32, i: int, v: int):
    buf[i] = v

@micropython.viper
def addr(buf) -> uint:
    return uint(ptr8(buf))

b = bytearray(8)
base = addr(b)
for what, f in (("stray", lambda: peek(12345, 0)), ("past the end", lambda: peek(base, 8)),
                ("before the start", lambda: peek(base, -1)),
                ("word across the end", lambda: poke(b, 2, 1)),
                ("read-only bytes", lambda: poke(b"abcdefgh", 0, 1)),
                ("the gap after a buffer", lambda: peek(base + 100, 0))):
    try:
        f()
        print(what, "no error")
    except OSError as e:
        print(what, "OSError", e.errno)
print(peek(base, 7), b)
poke(b, 1, -1)
print(b, peek(base, 4))
"""


@pytest.mark.parametrize("tier", ["0", "1"])
def test_pointers_reach_only_guest_buffers(tmp_path, tier):
    (tmp_path / "s.py").write_text(SANDBOX)
    r = run_jitvm("run", "--tier", tier, str(tmp_path / "s.py"))
    assert r.returncode == 0, r.stdout + r.stderr
    lines = r.stdout.splitlines()
    assert lines[:6] == [f"{w} OSError 14" for w in (
        "stray", "past the end", "before the start", "word across the end", "read-only bytes",
        "the gap after a buffer")]
    assert lines[6:] == ["0 bytearray(b'\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00')",
                         "bytearray(b'\\x00\\x00\\x00\\x00\\xff\\xff\\xff\\xff') 255"]


def test_a_compile_error_stops_the_module_before_it_runs(tmp_path):
    (tmp_path / "e.py").write_text(textwrap.dedent("""
        print("never printed")
        @micropython.viper
        def f():
            x = 1
            x = []
    """))
    r = run_jitvm("run", str(tmp_path / "e.py"))
    assert r.returncode == 1
    assert r.stdout == ('Traceback (most recent call last):\n  File "e.py", line 6, in f\n'
                        "ViperTypeError: local 'x' has type 'int' but source is 'object'\n")


def test_the_side_table_comes_from_the_cache_the_second_time(tmp_path):
    (tmp_path / "c.py").write_text(textwrap.dedent("""
        @micropython.viper
        def f(x: int) -> int:
            return x * 2
        print(f(2**62))
    """))
    env = {"JITVM_CACHE_DIR": str(tmp_path / "cache")}
    first = run_jitvm("run", str(tmp_path / "c.py"), env_extra=env)
    assert first.stdout == "-9223372036854775808\n", first.stdout + first.stderr
    assert list((tmp_path / "cache" / "mpy").glob("*.viper"))
    second = run_jitvm("run", str(tmp_path / "c.py"), env_extra=env)
    assert second.stdout == first.stdout


def test_tier_1_compiles_word_functions_and_leaves_object_ones_to_tier_0(tmp_path):
    (tmp_path / "t.py").write_text(textwrap.dedent("""
        @micropython.viper
        def words(buf: ptr8, n: int) -> int:
            s = 0
            for i in range(n):
                s += buf[i]
            return s
        @micropython.viper
        def objects(x) -> int:
            print(x)
            return 1
        print(words(b"abc", 3), objects("x"))
    """))
    r = run_jitvm("run", "--tier", "1", "--jit-log", str(tmp_path / "t.py"))
    assert r.stdout == "x\n294 1\n", r.stdout + r.stderr
    assert "jit: words [viper]: compiled" in r.stderr
    assert "jit: objects [viper]: not compiled" in r.stderr
    r = run_jitvm("run", "--tier", "0", "--jit-log", str(tmp_path / "t.py"))
    assert r.stdout == "x\n294 1\n" and "[viper]" not in r.stderr
