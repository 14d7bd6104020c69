"""Guest module `random`: MicroPython's Yasmarang generator, so seeded sequences match its output."""

from __future__ import annotations

import os as _os
import struct as _struct

from jitvm.modules._stdconv import get_float, get_int, get_int_truncated, type_name

__all__ = ["choice", "getrandbits", "randint", "random", "randrange", "seed", "uniform"]

_M32 = 0xFFFFFFFF


class _Yasmarang:
    """Yasmarang (Ilya Levin, public domain): four words of state, 32 bits per step."""

    __slots__ = ("d", "dat", "n", "pad")

    def __init__(self) -> None:
        self.reset(0xEDA4BABA)

    def reset(self, pad: int) -> None:
        self.pad = pad & _M32
        self.n = 69
        self.d = 233
        self.dat = 0

    def next(self) -> int:
        pad = (self.pad + self.dat + self.d * self.n) & _M32
        pad = ((pad << 3) | (pad >> 29)) & _M32
        self.pad = pad
        self.n = pad | 2
        self.d = (self.d ^ (((pad << 31) + (pad >> 1)) & _M32)) & _M32
        self.dat = (self.dat ^ (pad & 0xFF) ^ ((self.d >> 8) & 0xFF) ^ 1) & 0xFF
        return (pad ^ ((self.d << 5) & _M32) ^ (pad >> 18) ^ (self.dat << 1)) & _M32

    def below(self, n: int) -> int:
        # Rejection sampling on a mask, exactly as MicroPython does (n is a uint32).
        mask = 1
        while (n & mask) < n:
            mask = (mask << 1) | 1
        while True:
            r = self.next() & mask
            if r < n:
                return r

    def fraction(self) -> float:
        # 52 fraction bits from two steps, exponent of 1.0, minus 1: a float in [0, 1).
        hi = self.next()
        lo = self.next()
        frac = ((hi << 32) | lo) & ((1 << 52) - 1)
        return _struct.unpack("<d", _struct.pack("<Q", (1023 << 52) | frac))[0] - 1.0


_gen = _Yasmarang()


def seed(n: object = None) -> None:
    """Seed the generator; with no argument, from host entropy (as the unix port does)."""
    if n is None:
        _gen.reset(int.from_bytes(_os.urandom(4), "little"))
    else:
        _gen.reset(get_int_truncated(n))


def getrandbits(n: object) -> int:
    """An int with n random bits (0 <= n <= 32)."""
    bits = get_int(n)
    if bits > 32 or bits < 0:
        raise ValueError("bits must be 32 or less")
    if bits == 0:
        return 0
    return _gen.next() & (_M32 >> (32 - bits))


def _below(n: int) -> int:
    n &= _M32
    if n == 0:
        # MicroPython loops forever here (a range wider than 32 bits); fail instead of hanging.
        raise ValueError()
    return _gen.below(n)


def randrange(start: object, stop: object = None, step: object = None) -> int:
    """A random element of range(start, stop, step)."""
    a = get_int(start)
    if stop is None:
        if a > 0:
            return _below(a)
        raise ValueError()
    b = get_int(stop)
    if step is None:
        if a < b:
            return a + _below(b - a)
        raise ValueError()
    s = get_int(step)
    if s > 0:
        n = _c_div(b - a + s - 1, s)
    elif s < 0:
        n = _c_div(b - a + s + 1, s)
    else:
        raise ValueError()
    if n > 0:
        return a + s * _below(n)
    raise ValueError()


def _c_div(x: int, y: int) -> int:
    # C integer division truncates towards zero.
    q = abs(x) // abs(y)
    return q if (x >= 0) == (y >= 0) else -q


def randint(a: object, b: object) -> int:
    """A random int in [a, b]."""
    lo = get_int(a)
    hi = get_int(b)
    if lo <= hi:
        return lo + _below(hi - lo + 1)
    raise ValueError()


def choice(seq: object) -> object:
    """A random element of a non-empty sequence."""
    try:
        n = len(seq)  # type: ignore[arg-type]
    except TypeError:
        raise TypeError(f"object of type '{type_name(seq)}' has no len()") from None
    if n > 0:
        return seq[_below(n)]  # type: ignore[index]
    raise IndexError()


def random() -> float:
    """A random float in [0.0, 1.0)."""
    return _gen.fraction()


def uniform(a: object, b: object) -> float:
    """A random float between a and b."""
    lo = get_float(a)
    hi = get_float(b)
    return lo + (hi - lo) * _gen.fraction()


seed()
