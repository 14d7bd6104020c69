"""Guest module `math`: MicroPython's math functions, with its error rules.

MicroPython calls the C library and raises `ValueError: math domain error` whenever a result is
NaN (or infinite) although no argument was; host exceptions are mapped onto that rule.
"""

from __future__ import annotations

import math as _m
from collections.abc import Callable

from jitvm.modules._stdconv import get_float, get_int

__all__ = [
    "acos",
    "acosh",
    "asin",
    "asinh",
    "atan",
    "atan2",
    "atanh",
    "ceil",
    "copysign",
    "cos",
    "cosh",
    "degrees",
    "e",
    "erf",
    "erfc",
    "exp",
    "expm1",
    "fabs",
    "factorial",
    "floor",
    "fmod",
    "frexp",
    "gamma",
    "inf",
    "isclose",
    "isfinite",
    "isinf",
    "isnan",
    "ldexp",
    "lgamma",
    "log",
    "log2",
    "log10",
    "modf",
    "nan",
    "pi",
    "pow",
    "radians",
    "sin",
    "sinh",
    "sqrt",
    "tan",
    "tanh",
    "tau",
    "trunc",
]  # fmt: skip

e = _m.e
pi = _m.pi
tau = _m.tau
inf = _m.inf
nan = _m.nan


def _domain_error() -> ValueError:
    return ValueError("math domain error")


def _checked(ans: float, *inputs: float) -> float:
    # MicroPython's rule: NaN out of non-NaN in, or infinity out of finite in, is an error.
    if _m.isnan(ans) and not any(_m.isnan(x) for x in inputs):
        raise _domain_error()
    if _m.isinf(ans) and not any(_m.isinf(x) for x in inputs):
        raise _domain_error()
    return ans


def _unary(host: Callable[[float], float], name: str, doc: str) -> Callable[[object], float]:
    def fn(x: object) -> float:
        xf = get_float(x)
        try:
            ans = host(xf)
        except (ValueError, OverflowError):
            # The host raises where C returns NaN or an infinity; both are domain errors here
            # unless the argument itself was infinite (then C would have returned it).
            raise _domain_error() from None
        return _checked(ans, xf)

    fn.__name__ = fn.__qualname__ = name
    fn.__doc__ = doc
    return fn


def _binary(
    host: Callable[[float, float], float], name: str, doc: str
) -> Callable[[object, object], float]:
    def fn(x: object, y: object) -> float:
        xf = get_float(x)
        yf = get_float(y)
        try:
            ans = host(xf, yf)
        except (ValueError, OverflowError, ZeroDivisionError):
            raise _domain_error() from None
        return _checked(ans, xf, yf)

    fn.__name__ = fn.__qualname__ = name
    fn.__doc__ = doc
    return fn


def _lgamma(x: float) -> float:
    # C's lgamma(-inf) is +inf, and poles give +inf (an error by the rule above).
    if x == -_m.inf:
        return _m.inf
    return _m.lgamma(x)


def _pow(x: float, y: float) -> float:
    return _m.pow(x, y)


acos = _unary(_m.acos, "acos", "Inverse cosine.")
acosh = _unary(_m.acosh, "acosh", "Inverse hyperbolic cosine.")
asin = _unary(_m.asin, "asin", "Inverse sine.")
asinh = _unary(_m.asinh, "asinh", "Inverse hyperbolic sine.")
atan = _unary(_m.atan, "atan", "Inverse tangent.")
atanh = _unary(_m.atanh, "atanh", "Inverse hyperbolic tangent.")
cos = _unary(_m.cos, "cos", "Cosine.")
cosh = _unary(_m.cosh, "cosh", "Hyperbolic cosine.")
degrees = _unary(_m.degrees, "degrees", "Radians to degrees.")
erf = _unary(_m.erf, "erf", "Error function.")
erfc = _unary(_m.erfc, "erfc", "Complementary error function.")
exp = _unary(_m.exp, "exp", "e to the power x.")
expm1 = _unary(_m.expm1, "expm1", "exp(x) - 1.")
fabs = _unary(_m.fabs, "fabs", "Absolute value as a float.")
gamma = _unary(_m.gamma, "gamma", "Gamma function.")
lgamma = _unary(_lgamma, "lgamma", "Natural log of the gamma function.")
log10 = _unary(_m.log10, "log10", "Base-10 logarithm.")
log2 = _unary(_m.log2, "log2", "Base-2 logarithm.")
radians = _unary(_m.radians, "radians", "Degrees to radians.")
sin = _unary(_m.sin, "sin", "Sine.")
sinh = _unary(_m.sinh, "sinh", "Hyperbolic sine.")
sqrt = _unary(_m.sqrt, "sqrt", "Square root.")
tan = _unary(_m.tan, "tan", "Tangent.")
tanh = _unary(_m.tanh, "tanh", "Hyperbolic tangent.")
atan2 = _binary(_m.atan2, "atan2", "Inverse tangent of y/x, using both signs.")
copysign = _binary(_m.copysign, "copysign", "x with the sign of y.")
fmod = _binary(_m.fmod, "fmod", "Remainder of x/y with the sign of x.")
pow = _binary(_pow, "pow", "x to the power y, as floats.")


def _to_int(value: float) -> int:
    if _m.isnan(value):
        raise ValueError("can't convert NaN to int")
    if _m.isinf(value):
        raise OverflowError("can't convert inf to int")
    return int(value)


def ceil(x: object) -> int:
    """Smallest integer >= x."""
    return _to_int(_m.ceil(get_float(x)) if _m.isfinite(get_float(x)) else get_float(x))


def floor(x: object) -> int:
    """Largest integer <= x."""
    return _to_int(_m.floor(get_float(x)) if _m.isfinite(get_float(x)) else get_float(x))


def trunc(x: object) -> int:
    """x rounded towards zero."""
    return _to_int(get_float(x))


def factorial(x: object) -> int:
    """x! for a non-negative int."""
    n = get_int(x)
    if n < 0:
        raise ValueError("negative factorial")
    return _m.factorial(n)


def frexp(x: object) -> tuple[float, int]:
    """Mantissa and exponent of x."""
    xf = get_float(x)
    if not _m.isfinite(xf):
        return (xf, 0)
    return _m.frexp(xf)


def ldexp(x: object, exp: object) -> float:
    """x * 2**exp."""
    xf = get_float(x)
    n = get_int(exp)
    try:
        return _m.ldexp(xf, n)
    except OverflowError:
        return _m.copysign(_m.inf, xf)


def modf(x: object) -> tuple[float, float]:
    """Fractional and integer parts of x."""
    return _m.modf(get_float(x))


def isfinite(x: object) -> bool:
    """True if x is neither infinite nor NaN."""
    return _m.isfinite(get_float(x))


def isinf(x: object) -> bool:
    """True if x is infinite."""
    return _m.isinf(get_float(x))


def isnan(x: object) -> bool:
    """True if x is NaN."""
    return _m.isnan(get_float(x))


def isclose(a: object, b: object, *, rel_tol: object = 1e-9, abs_tol: object = 0.0) -> bool:
    """True if a and b are within rel_tol (relative) or abs_tol (absolute) of each other."""
    af, bf = get_float(a), get_float(b)
    rel, absolute = get_float(rel_tol), get_float(abs_tol)
    if rel < 0.0 or absolute < 0.0:
        raise _domain_error()
    return _m.isclose(af, bf, rel_tol=rel, abs_tol=absolute)


def log(x: object, base: object = None) -> float:
    """Natural logarithm, or logarithm to the given base."""
    xf = get_float(x)
    if xf <= 0.0:
        raise _domain_error()
    result = _m.log(xf)
    if base is None:
        return result
    bf = get_float(base)
    if bf <= 0.0:
        raise _domain_error()
    if bf == 1.0:
        raise ZeroDivisionError("divide by zero")
    return result / _m.log(bf)
