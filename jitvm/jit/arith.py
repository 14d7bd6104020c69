"""Unboxed arithmetic with CPython's exact semantics (which tier 0 runs).

``guard(bad)`` deoptimises when the i1 ``bad`` holds: the instruction then runs in tier 0,
which computes the big-int result or raises the guest's error with MicroPython's text
(overflow, zero divisors, negative shift counts, complex results, float overflow). Ints are
i64, bools i1 (widened to i64 for arithmetic), floats IEEE doubles with no fast-math flags;
float ``%``, ``//`` and ``**`` copy CPython's ``float_rem``, ``_float_div_mod``, ``float_pow``.
"""

from __future__ import annotations

from llvmlite import ir

from .irutil import F64, I1, I64, f64, i1, i64
from .typer import (
    ADD,
    AND,
    BOOL,
    FLOAT,
    FLOORDIV,
    INPLACE_SHIFT,
    INT,
    LSHIFT,
    MOD,
    MUL,
    OR,
    POW,
    RSHIFT,
    SUB,
    TRUEDIV,
    XOR,
)

ICMP = ("<", ">", "==", "<=", ">=", "!=")
FCMP = (("<", False), (">", False), ("==", False), ("<=", False), (">=", False), ("!=", True))
EXACT_LIMIT = 1 << 53  # ints up to this magnitude convert to double exactly
DBL_MIN = 2.2250738585072014e-308


def to_int(em, t: str, v):
    return em.b.zext(v, I64) if t == BOOL else v


def to_float(em, t: str, v):
    """CPython's CONVERT_TO_DOUBLE: an int rounds to nearest even (as sitofp does)."""
    if t == FLOAT:
        return v
    if t == BOOL:
        return em.b.uitofp(v, F64)
    return em.b.sitofp(v, F64)


def truth(em, t: str, v):
    b = em.b
    if t == BOOL:
        return v
    if t == FLOAT:
        return b.fcmp_unordered("!=", v, f64(0.0))  # nan is true
    return b.icmp_signed("!=", v, i64(0))


def binary(em, op: int, ta: str, a, tb: str, b_, guard):
    """(result type, value) of ``a <op> b``; the typer has already accepted the types."""
    if op < 6:
        return BOOL, compare(em, op, ta, a, tb, b_)
    if 9 <= op <= 21:
        op += INPLACE_SHIFT
    if op in (AND, OR, XOR) and ta == tb == BOOL:
        return BOOL, {AND: em.b.and_, OR: em.b.or_, XOR: em.b.xor}[op](a, b_)
    if FLOAT in (ta, tb) or op == TRUEDIV:
        if op == TRUEDIV and FLOAT not in (ta, tb):
            return FLOAT, int_truediv(em, to_int(em, ta, a), to_int(em, tb, b_), guard)
        return FLOAT, float_op(em, op, to_float(em, ta, a), to_float(em, tb, b_), guard)
    return INT, int_op(em, op, to_int(em, ta, a), to_int(em, tb, b_), guard)


def unary(em, op: int, t: str, v, guard):
    b = em.b
    if op == 3:  # not
        return BOOL, b.not_(truth(em, t, v))
    if t == FLOAT:
        return FLOAT, (v if op == 0 else b.fneg(v))
    x = to_int(em, t, v)
    if op == 0:
        return INT, x
    if op == 2:
        return INT, b.xor(x, i64(-1))
    r = b.ssub_with_overflow(i64(0), x)
    guard(b.extract_value(r, 1))
    return INT, b.extract_value(r, 0)


# ---- ints ----------------------------------------------------------------------------------
def int_op(em, op: int, a, c, guard):
    b = em.b
    if op in (ADD, SUB, MUL):
        fn = {ADD: b.sadd_with_overflow, SUB: b.ssub_with_overflow, MUL: b.smul_with_overflow}[op]
        r = fn(a, c)
        guard(b.extract_value(r, 1))
        return b.extract_value(r, 0)
    if op == AND:
        return b.and_(a, c)
    if op == OR:
        return b.or_(a, c)
    if op == XOR:
        return b.xor(a, c)
    if op in (FLOORDIV, MOD):
        return int_divmod(em, op, a, c, guard)
    if op == LSHIFT:
        return int_lshift(em, a, c, guard)
    if op == RSHIFT:
        guard(b.icmp_signed("<", c, i64(0)))  # ValueError: negative shift count
        n = b.select(b.icmp_signed(">", c, i64(63)), i64(63), c)
        return b.ashr(a, n)  # floor semantics, as Python's; >= 63 gives 0 or -1
    if op == POW:
        return int_pow(em, a, c, guard)
    raise AssertionError(op)


def int_divmod(em, op: int, a, c, guard):
    """Python's // and % (results rounded toward -inf, remainder has the divisor's sign)."""
    b = em.b
    guard(b.icmp_signed("==", c, i64(0)))  # ZeroDivisionError, raised by tier 0
    minus1 = b.icmp_signed("==", c, i64(-1))
    if op == FLOORDIV:
        guard(b.and_(minus1, b.icmp_signed("==", a, i64(-(1 << 63)))))  # -2**63 // -1
    d = b.select(minus1, i64(1), c)  # x / -1 is -x: avoid sdiv's overflow trap
    q = b.sdiv(a, d)
    r = b.srem(a, d)
    if op == FLOORDIV:
        q = b.select(minus1, b.sub(i64(0), a), q)
        r = b.select(minus1, i64(0), r)
    adjust = b.and_(b.icmp_signed("!=", r, i64(0)),
                    b.icmp_signed("<", b.xor(r, c), i64(0)))
    if op == FLOORDIV:
        return b.sub(q, b.zext(adjust, I64))
    return b.select(adjust, b.add(r, c), r)


def int_lshift(em, a, c, guard):
    b = em.b
    guard(b.icmp_signed("<", c, i64(0)))  # ValueError: negative shift count
    zero = b.icmp_signed("==", a, i64(0))
    small = b.icmp_signed("<", c, i64(64))
    n = b.select(small, c, i64(0))
    r = b.shl(a, n)
    exact = b.and_(small, b.icmp_signed("==", b.ashr(r, n), a))
    guard(b.not_(b.or_(zero, exact)))  # the result needs more than 64 bits
    return b.select(zero, i64(0), r)


def int_pow(em, a, e, guard):
    """a ** e by squaring, every product overflow-checked; a negative exponent (a float
    result) deoptimises. An overflowing square means the result overflows too."""
    b = em.b
    guard(b.icmp_signed("<", e, i64(0)))
    pre = b.block
    loop = b.append_basic_block("pow_loop")
    done = b.append_basic_block("pow_done")
    b.branch(loop)
    b.position_at_end(loop)
    acc = b.phi(I64)
    base = b.phi(I64)
    ex = b.phi(I64)
    acc.add_incoming(i64(1), pre)
    base.add_incoming(a, pre)
    ex.add_incoming(e, pre)
    left = b.icmp_signed("!=", ex, i64(0))
    body = b.append_basic_block("pow_body")
    b.cbranch(left, body, done)
    b.position_at_end(body)
    odd = b.trunc(ex, I1)
    m = b.smul_with_overflow(acc, base)
    guard(b.and_(odd, b.extract_value(m, 1)))
    acc2 = b.select(odd, b.extract_value(m, 0), acc)
    ex2 = b.lshr(ex, i64(1))
    sq = b.smul_with_overflow(base, base)
    guard(b.and_(b.icmp_signed("!=", ex2, i64(0)), b.extract_value(sq, 1)))
    base2 = b.extract_value(sq, 0)
    tail = b.block
    b.branch(loop)
    acc.add_incoming(acc2, tail)
    base.add_incoming(base2, tail)
    ex.add_incoming(ex2, tail)
    b.position_at_end(done)
    return acc


def int_truediv(em, a, c, guard):
    """int / int: correctly rounded; exact through doubles while both fit in 53 bits."""
    b = em.b
    guard(b.icmp_signed("==", c, i64(0)))

    def big(x):
        return b.icmp_unsigned(">", b.add(x, i64(EXACT_LIMIT)), i64(2 * EXACT_LIMIT))

    guard(b.or_(big(a), big(c)))
    return b.fdiv(b.sitofp(a, F64), b.sitofp(c, F64))


# ---- floats --------------------------------------------------------------------------------
def float_op(em, op: int, x, y, guard):
    b = em.b
    if op == ADD:
        return b.fadd(x, y)
    if op == SUB:
        return b.fsub(x, y)
    if op == MUL:
        return b.fmul(x, y)
    if op == TRUEDIV:
        guard(b.fcmp_ordered("==", y, f64(0.0)))
        return b.fdiv(x, y)
    if op in (FLOORDIV, MOD):
        guard(b.fcmp_ordered("==", y, f64(0.0)))
        return float_divmod(em, op, x, y)
    if op == POW:
        return float_pow(em, x, y, guard)
    raise AssertionError(op)


def _fabs(em, x):
    return em.b.call(em.intrinsic("llvm.fabs", [F64]), [x])


def _copysign(em, x, y):
    fnty = ir.FunctionType(F64, [F64, F64])
    return em.b.call(em.intrinsic("llvm.copysign", [F64], fnty), [x, y])


def float_divmod(em, op: int, vx, wx):
    """CPython's float_rem / _float_div_mod, step for step (wx is not zero)."""
    b = em.b
    mod = em.call("jitvm_fmod", vx, wx)
    div = b.fdiv(b.fsub(vx, mod), wx)
    nonzero = b.fcmp_unordered("!=", mod, f64(0.0))  # `if (mod)`: nan counts as true
    signs_differ = b.xor(b.fcmp_ordered("<", wx, f64(0.0)), b.fcmp_ordered("<", mod, f64(0.0)))
    fix = b.and_(nonzero, signs_differ)
    mod2 = b.select(nonzero, b.select(fix, b.fadd(mod, wx), mod), _copysign(em, f64(0.0), wx))
    if op == MOD:
        return mod2
    div = b.select(fix, b.fsub(div, f64(1.0)), div)
    floor = em.call("jitvm_floor", div)
    floor = b.select(b.fcmp_ordered(">", b.fsub(div, floor), f64(0.5)),
                     b.fadd(floor, f64(1.0)), floor)
    zero_div = _copysign(em, f64(0.0), b.fdiv(vx, wx))
    return b.select(b.fcmp_unordered("!=", div, f64(0.0)), floor, zero_div)


def float_pow(em, iv, iw, guard):
    """CPython's float_pow; the cases that raise or leave the reals (0 ** negative, negative
    ** fraction, overflow, infinities, and subnormal results where libm may set ERANGE)
    deoptimise."""
    b = em.b
    w0 = b.fcmp_ordered("==", iw, f64(0.0))
    nan_v = b.fcmp_unordered("uno", iv, iv)
    nan_w = b.fcmp_unordered("uno", iw, iw)
    special = b.or_(w0, b.or_(nan_v, nan_w))
    plain = b.not_(special)
    inf = f64(float("inf"))
    av = _fabs(em, iv)
    any_inf = b.or_(b.fcmp_ordered("==", av, inf), b.fcmp_ordered("==", _fabs(em, iw), inf))
    guard(b.and_(plain, any_inf))
    v0 = b.fcmp_ordered("==", iv, f64(0.0))
    guard(b.and_(plain, b.and_(v0, b.fcmp_ordered("<", iw, f64(0.0)))))
    neg_v = b.fcmp_ordered("<", iv, f64(0.0))
    w_int = b.fcmp_ordered("==", em.call("jitvm_floor", iw), iw)
    guard(b.and_(plain, b.and_(neg_v, b.not_(w_int))))
    odd_w = b.fcmp_ordered("==", em.call("jitvm_fmod", _fabs(em, iw), f64(2.0)), f64(1.0))
    one = b.fcmp_ordered("==", av, f64(1.0))
    ix = em.call("jitvm_pow", av, iw)
    aix = _fabs(em, ix)
    out_of_range = b.or_(b.fcmp_ordered("==", aix, inf),
                         b.and_(b.fcmp_ordered("!=", ix, f64(0.0)),
                                b.fcmp_ordered("<", aix, f64(DBL_MIN))))
    guard(b.and_(plain, b.and_(b.not_(v0), b.and_(b.not_(one), out_of_range))))
    negate = b.and_(neg_v, odd_w)
    res = b.select(negate, b.fneg(ix), ix)
    res = b.select(one, b.select(negate, f64(-1.0), f64(1.0)), res)
    res = b.select(v0, b.select(odd_w, iv, f64(0.0)), res)
    res = b.select(nan_w, b.select(b.fcmp_ordered("==", iv, f64(1.0)), f64(1.0), iw), res)
    res = b.select(nan_v, iv, res)
    return b.select(w0, f64(1.0), res)


# ---- comparisons ---------------------------------------------------------------------------
def compare(em, op: int, ta: str, a, tb: str, c):
    b = em.b
    if FLOAT not in (ta, tb):
        return b.icmp_signed(ICMP[op], to_int(em, ta, a), to_int(em, tb, c))
    if ta == FLOAT and tb == FLOAT:
        return fcmp(em, op, a, c)
    if ta == FLOAT:  # x <op> i  ==  i <mirrored op> x
        return compare_int_float(em, (1, 0, 2, 4, 3, 5)[op], to_int(em, tb, c), a)
    return compare_int_float(em, op, to_int(em, ta, a), c)


def fcmp(em, op: int, x, y):
    sym, unordered = FCMP[op]
    return (em.b.fcmp_unordered if unordered else em.b.fcmp_ordered)(sym, x, y)


def compare_int_float(em, op: int, i, d):
    """i <op> d exactly, as CPython's float_richcompare (no rounding of i): compare i with
    trunc(d) as ints, ties broken by the fraction's sign; nan compares unequal."""
    b = em.b
    two63 = f64(9223372036854775808.0)
    is_nan = b.fcmp_unordered("uno", d, d)
    above = b.fcmp_ordered(">=", d, two63)  # every i64 is below d
    below = b.fcmp_ordered("<", d, b.fneg(two63))  # every i64 is above d
    in_range = b.not_(b.or_(is_nan, b.or_(above, below)))
    safe = b.select(in_range, d, f64(0.0))
    t = b.call(em.intrinsic("llvm.trunc", [F64]), [safe])
    ti = b.fptosi(t, I64)
    frac = b.fsub(safe, t)
    # sign of (i - d): -1, 0, 1
    gt = b.or_(b.icmp_signed(">", i, ti), b.and_(b.icmp_signed("==", i, ti),
                                                  b.fcmp_ordered("<", frac, f64(0.0))))
    lt = b.or_(b.icmp_signed("<", i, ti), b.and_(b.icmp_signed("==", i, ti),
                                                  b.fcmp_ordered(">", frac, f64(0.0))))
    gt = b.select(in_range, gt, below)
    lt = b.select(in_range, lt, above)
    eq = b.and_(in_range, b.not_(b.or_(gt, lt)))
    ordered = b.not_(is_nan)
    result = {
        0: lt, 1: gt, 2: eq,
        3: b.or_(lt, eq), 4: b.or_(gt, eq),
    }.get(op)
    if op == 5:
        return b.not_(eq)
    return b.and_(ordered, result) if op in (0, 1, 3, 4) else result


__all__ = ["binary", "compare", "i1", "to_float", "to_int", "truth", "unary"]
