"""jitvm's guest `math` and `cmath` modules against the real MicroPython binary."""

import importlib.util
from pathlib import Path

_spec = importlib.util.spec_from_file_location("std_harness", Path(__file__).with_name("test_std_harness.py"))
harness = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(harness)

MATH_CASES = [
    "math.sqrt(-1)", "math.log(0)", "math.log(-1)", "math.log(8, 2)", "math.log(8, 1)", "math.log(8, 0)",
    "math.log(8, -2)", "math.acos(2)", "math.exp(1000)", "math.pow(10, 400)", "math.pow(-1, 0.5)",
    "math.pow(0, -1)", "math.fmod(1, 0)", "math.fmod(math.inf, 1)", "math.factorial(-1)",
    "math.factorial(5)", "math.factorial(1.0)", "math.factorial(25)", "math.floor(1.5)",
    "math.floor(math.inf)", "math.floor(math.nan)", "math.ceil(1e30)", "math.trunc(-1.5)",
    "math.trunc(3)", "math.floor(3)", "math.frexp(8)", "math.ldexp(1, 1024)", "math.ldexp(1, 3)",
    "math.modf(1.5)", "math.modf(math.inf)", "math.gamma(0)", "math.gamma(-1)", "math.gamma(0.5)",
    "math.lgamma(0)", "math.lgamma(-1)", "math.lgamma(-math.inf)", "math.isclose(1, 1.0000000001)",
    "math.isclose(1, 1.1, rel_tol=0.2)", "math.isclose(1, 1.1, abs_tol=0.2)", "math.isclose(1, 2, rel_tol=-1)",
    "math.isclose(1, 2, abs_tol=-1)", "math.isclose(math.inf, math.inf)", "math.copysign(1, -0.0)",
    "math.atan2(1, 1)", "math.degrees(1)", "math.radians(180)", "math.sqrt('x')", "math.sqrt(2**1100)",
    "math.sinh(1000)", "math.cosh(1000)", "math.atanh(1)", "math.acosh(0)", "math.erf(1)", "math.erfc(1)",
    "math.expm1(1e-10)", "math.log2(0)", "math.log10(-1)", "math.tan(math.inf)", "math.sin(math.inf)",
    "math.isnan(math.nan)", "math.isinf(1)", "math.isfinite(1)", "math.e", "math.tau", "math.inf",
    "math.nan", "math.pi", "math.sqrt(4)", "math.ceil(-0.5)", "math.floor(2**70)", "math.exp(-1000)",
    "math.log(2**2000)", "math.fabs(-2)", "math.pow(2, 3)", "math.log(1+2j)", "math.factorial(1.5)",
    "math.atan2(0, -0.0)", "math.gamma(200)", "math.lgamma(1e308)", "math.ldexp(1.0, 2.0)",
    "math.log(0.0, 2)", "math.log(1, 1)", "math.log(2, 1.0)", "math.frexp(0)", "math.frexp(math.inf)",
    "math.modf(-2)", "math.fmod(-7, 3)", "math.pow(math.inf, 0)", "math.asin(-1.5)", "math.gamma(math.inf)",
    "math.gamma(-math.inf)", "math.log(math.inf)", "math.sqrt(-0.0)", "math.fmod(1, math.inf)",
    "math.floor(True)", "math.ceil('a')", "math.trunc(math.nan)", "math.factorial(True)", "math.exp(710)",
    "math.expm1(1000)", "math.pow(-8, 1/3)", "math.cos(1e300)", "math.sqrt(math.nan)", "math.log(math.nan)",
    "math.sinh(-1000)", "math.tanh(1000)", "math.asinh(-2)", "math.acosh(math.inf)", "math.ldexp(-1, 5000)",
    "math.frexp(-3.5)", "math.trunc(2.5e20)", "math.pow(math.nan, 0)", "math.atan(math.inf)",
    "math.copysign(math.nan, -1)", "math.factorial(0)", "math.ceil(2.000001)", "math.gamma(-0.5)",
    "math.lgamma(-0.5)", "math.erf(math.inf)", "math.fabs(-math.inf)", "math.log(10, 10)",
]

CMATH_CASES = [
    "cmath.sqrt(-1)", "cmath.exp(1j)", "cmath.log(0)", "cmath.log(-1)", "cmath.log10(100)", "cmath.phase(-1)",
    "cmath.polar(1j)", "cmath.rect(1, 2)", "cmath.sin(1+1j)", "cmath.cos(1j)", "cmath.sqrt('a')",
    "cmath.e", "cmath.pi", "cmath.phase(1)", "cmath.sqrt(4)", "cmath.exp(1000)", "cmath.log10(0)",
    "cmath.sqrt(-0.0)", "cmath.polar(-0.0)", "cmath.sqrt(3-4j)", "cmath.log(2+3j)", "cmath.log10(-5j)",
    "cmath.exp(-1-2j)", "cmath.cos(1000j)", "cmath.sin(-1000j)", "cmath.rect(2, 'a')", "cmath.phase('a')",
    "cmath.sqrt(complex(math.nan, 1))", "cmath.exp(complex(0, math.inf))", "cmath.polar(3+4j)",
    "cmath.sin(math.inf)", "cmath.rect(1, math.inf)", "cmath.sqrt(2**1100)",
]


def test_math_matches_micropython() -> None:
    harness.assert_same(["math"], "import math", MATH_CASES)


def test_cmath_matches_micropython() -> None:
    harness.assert_same(["math", "cmath"], "import math, cmath", CMATH_CASES)


def test_math_and_cmath_expose_what_micropython_exposes() -> None:
    import jitvm.modules.cmath as cmath_mod
    import jitvm.modules.math as math_mod

    assert set(math_mod.__all__) == harness.micropython_dir("math")
    assert set(cmath_mod.__all__) == harness.micropython_dir("cmath")
