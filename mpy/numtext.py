"""Exact, strict conversions between numeric constants and the decimal text a .mpy stores.

A .mpy keeps int, float and complex constants as decimal text (MicroPython has no digit
limit, so a file may hold an int of millions of digits). CPython 3.11's ``int(str)`` and
``str(int)`` are quadratic and refuse more than 4300 digits, and ``int(Decimal)`` is
quadratic too (int(Decimal(t)) for 10**6 digits takes ~50 s), so both directions divide
and conquer, doing the large multiplications in ``decimal``, whose libmpdec multiplies
big numbers with a number-theoretic transform (CPython's ints use Karatsuba):

- text -> int: ``Decimal(text)`` is linear; it is split into ``hi = d // 2**k`` and
  ``lo = d - hi * 2**k`` (the division done as a truncated multiplication by ``5**k``,
  then corrected) and the int is joined from the halves by shifting, which is linear.
- int -> text: the int is split in halves by shifting and joined as
  ``Decimal(hi) * 2**k + Decimal(lo)``; ``str(Decimal)`` is linear.

Each piece handed to CPython's own conversions stays far below its digit limit, so the
process-wide limit (``sys.set_int_max_str_digits``) is neither needed nor touched.
"""

from __future__ import annotations

import re

TYPE_CHECKING = False  # decimal (for constants of thousands of digits) loads when needed
if TYPE_CHECKING:
    import decimal

_INT_TEXT = re.compile(rb"[+-]?[0-9]+")
# the float forms MicroPython's repr writes (and its loader parses): digits with an optional
# fraction and exponent, or inf/nan; complex constants are an imaginary float with 'j'
_FLOAT_BODY = rb"(?:inf|nan|(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)"
_FLOAT_TEXT = re.compile(rb"[+-]?" + _FLOAT_BODY)
_COMPLEX_TEXT = re.compile(rb"[+-]?" + _FLOAT_BODY + rb"j")

_CHUNK_DIGITS = 2000  # texts CPython's int() converts directly (its limit is 4300 digits)
_CHUNK_BITS = 6000  # numbers int(Decimal) or Decimal(int) convert directly (~1800 digits)
_GUARD_DIGITS = 12
_LOG10_2 = 0.30102999566398120
_LOG2_10 = 3.3219280948873626


def _exact_context() -> decimal.Context:
    import decimal

    ctx = decimal.Context(prec=decimal.MAX_PREC, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN)
    ctx.traps[decimal.Inexact] = True  # integer arithmetic here must never round
    ctx.traps[decimal.Rounded] = True
    return ctx


def _digits_to_int(digits: str) -> int:
    """An unsigned string of ASCII digits as an int, in subquadratic time."""
    if len(digits) <= _CHUNK_DIGITS:
        return int(digits)
    import decimal

    exact = _exact_context()
    powers: dict[tuple[int, int], decimal.Decimal] = {}
    truncated: dict[tuple[int, int], decimal.Decimal] = {}

    def power(base: int, k: int) -> decimal.Decimal:
        p = powers.get((base, k))
        if p is None:
            p = powers[(base, k)] = exact.power(decimal.Decimal(base), k)
        return p

    def split(d: decimal.Decimal, nbits: int) -> int:  # d integral, 0 <= d < 2**nbits
        if nbits <= _CHUNK_BITS:
            return int(d)
        k = nbits >> 1  # bits of the low half; at most two sizes per level
        # hi = floor(d / 2**k) = floor(d * 5**k / 10**k), with d and 5**k cut to the digits
        # hi has plus a guard: both cuts round down, so the result is hi or just below it
        prec = int((nbits - k) * _LOG10_2) + _GUARD_DIGITS
        ctx = decimal.Context(prec=prec, rounding=decimal.ROUND_DOWN, Emax=decimal.MAX_EMAX,
                              Emin=decimal.MIN_EMIN)
        r = truncated.get((k, prec))
        if r is None:
            r = truncated[(k, prec)] = ctx.plus(power(5, k))
        q = ctx.multiply(ctx.plus(d), r).scaleb(-k, context=ctx)
        hi = q.to_integral_value(rounding=decimal.ROUND_FLOOR, context=exact)
        b = power(2, k)
        lo = exact.subtract(d, exact.multiply(hi, b))
        while lo < 0:  # never more than a step or two: the estimate is within one
            hi, lo = exact.subtract(hi, 1), exact.add(lo, b)
        while lo >= b:
            hi, lo = exact.add(hi, 1), exact.subtract(lo, b)
        return (split(hi, nbits - k) << k) | split(lo, k)

    return split(exact.create_decimal(digits), int(len(digits) * _LOG2_10) + 1)


def parse_int_text(text: bytes) -> int:
    """The value of an int constant's text: an optional sign and ASCII digits, nothing else.

    Raises ValueError for any other text (MicroPython's loader would skip spaces or take
    underscores, but mpy-cross never writes them).
    """
    if len(text) <= _CHUNK_DIGITS and text.isdigit():  # bytes.isdigit: ASCII digits only
        return int(text)
    if not _INT_TEXT.fullmatch(text):
        raise ValueError("not a decimal integer")
    digits = text.decode("ascii")
    sign = digits[0]
    if sign in "+-":
        value = _digits_to_int(digits[1:])
        return -value if sign == "-" else value
    return _digits_to_int(digits)


def parse_float_text(text: bytes) -> float:
    if not _FLOAT_TEXT.fullmatch(text):
        raise ValueError("not a decimal float")
    return float(text)


def parse_complex_text(text: bytes) -> complex:
    if not _COMPLEX_TEXT.fullmatch(text):
        raise ValueError("not an imaginary decimal")
    return complex(text.decode("ascii"))


def int_to_text(value: int) -> str:
    """``str(value)`` for an int of any size, in subquadratic time and without a digit limit."""
    if -(10 ** 18) < value < 10 ** 18:
        return str(value)
    import decimal

    sign = "-" if value < 0 else ""
    value = abs(value)
    with decimal.localcontext(_exact_context()):
        two = decimal.Decimal(2)
        pow2: dict[int, decimal.Decimal] = {}

        def split(n: int, nbits: int) -> decimal.Decimal:  # n < 2**nbits
            if nbits <= _CHUNK_BITS:
                return decimal.Decimal(n)
            k = nbits >> 1  # bits in the low half; at most two sizes per level
            p = pow2.get(k)
            if p is None:
                p = pow2[k] = two ** k
            hi = n >> k
            return split(hi, nbits - k) * p + split(n - (hi << k), k)

        return sign + str(split(value, value.bit_length()))


def const_text(value: object) -> str:
    """The repr of a constant value, with ints of any size written in full."""
    if type(value) is int:
        return int_to_text(value)
    if type(value) is tuple:
        inner = ", ".join(const_text(v) for v in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    return repr(value)
