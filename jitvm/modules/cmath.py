"""Guest module `cmath`: MicroPython's complex math, with its own formulas (not CPython's).

MicroPython computes e.g. sqrt through polar form, so `cmath.sqrt(-1)` has a tiny real part;
the functions below follow those formulas with C library behaviour (inf/nan, no exceptions).
"""

from __future__ import annotations

import math as _m

from jitvm.modules._stdconv import get_complex, get_float

__all__ = ["cos", "e", "exp", "log", "log10", "phase", "pi", "polar", "rect", "sin", "sqrt"]

e = _m.e
pi = _m.pi


def _parts(z: object) -> tuple[float, float]:
    if isinstance(z, complex):
        return z.real, z.imag
    if isinstance(z, (int, float)):
        try:
            return float(z), 0.0
        except OverflowError:
            return (_m.inf if z > 0 else -_m.inf), 0.0
    c = get_complex(z)  # a guest object with __complex__ or __float__
    return c.real, c.imag


def _real(x: object) -> float:
    if isinstance(x, (int, float)):
        return float(x)
    return get_float(x)


# C library functions with C's results instead of host exceptions.
def _exp(x: float) -> float:
    try:
        return _m.exp(x)
    except OverflowError:
        return _m.inf


def _log(x: float, host=_m.log) -> float:
    if _m.isnan(x):
        return x
    if x == 0.0:
        return -_m.inf
    if x < 0.0:
        return _m.nan
    return host(x)


def _trig(host, x: float) -> float:
    try:
        return host(x)
    except ValueError:
        return _m.nan


def _hyper(host, x: float, odd: bool) -> float:
    try:
        return host(x)
    except OverflowError:
        return _m.copysign(_m.inf, x) if odd else _m.inf


def phase(z: object) -> float:
    """Argument of z."""
    re, im = _parts(z)
    return _m.atan2(im, re)


def polar(z: object) -> tuple[float, float]:
    """(modulus, phase) of z."""
    re, im = _parts(z)
    return (_m.sqrt(re * re + im * im), _m.atan2(im, re))


def rect(r: object, phi: object) -> complex:
    """Complex number from modulus and phase."""
    rf, pf = _real(r), _real(phi)
    return complex(rf * _trig(_m.cos, pf), rf * _trig(_m.sin, pf))


def exp(z: object) -> complex:
    """e to the power z."""
    re, im = _parts(z)
    scale = _exp(re)
    return complex(scale * _trig(_m.cos, im), scale * _trig(_m.sin, im))


def log(z: object) -> complex:
    """Natural logarithm of z (principal branch)."""
    re, im = _parts(z)
    return complex(0.5 * _log(re * re + im * im), _m.atan2(im, re))


def log10(z: object) -> complex:
    """Base-10 logarithm of z."""
    re, im = _parts(z)
    return complex(0.5 * _log(re * re + im * im, _m.log10), _m.atan2(im, re) / _m.log(10.0))


def sqrt(z: object) -> complex:
    """Square root of z, through polar form."""
    re, im = _parts(z)
    norm = re * re + im * im
    modulus = norm**0.25 if _m.isfinite(norm) else norm  # pow(inf or nan, 0.25) is itself
    theta = 0.5 * _m.atan2(im, re)
    return complex(modulus * _m.cos(theta), modulus * _m.sin(theta))


def cos(z: object) -> complex:
    """Cosine of z."""
    re, im = _parts(z)
    return complex(
        _trig(_m.cos, re) * _hyper(_m.cosh, im, False),
        -_trig(_m.sin, re) * _hyper(_m.sinh, im, True),
    )


def sin(z: object) -> complex:
    """Sine of z."""
    re, im = _parts(z)
    return complex(
        _trig(_m.sin, re) * _hyper(_m.cosh, im, False),
        _trig(_m.cos, re) * _hyper(_m.sinh, im, True),
    )
