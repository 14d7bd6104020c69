"""Loops and calls, compiled against tier 0: range loops (1-3 arguments, negative and huge
steps, break), while loops, floats in loops, recursion, calls of other globals."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from .helpers import same_outcome
from .test_differential import I64, check, entry

SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])
small = st.integers(-60, 60)


def test_loop_sum(loops):
    for n in (0, 1, 2, 10, 1000, -5):
        check(loops, "loop_sum", n, sample=(5,))


def test_loop_sum_overflow_mid_loop_is_exact(loops):
    """s passes 2**63 after ~3.03e6 iterations: the compiled loop deoptimises there and
    tier 0 finishes the loop with big ints."""
    fn = entry(loops, "loop_sum", 5)
    before = loops.info("loop_sum").deopts
    n = 3_100_000
    r = fn(loops.G, n)
    assert r == sum(i * i for i in range(n)) and r > 2 ** 63
    assert loops.info("loop_sum").deopts == before + 1


def test_range3(loops):
    @SETTINGS
    @given(small, small, st.one_of(small, st.sampled_from([I64 - 1, -I64, 2 ** 62])))
    @example(0, 10, 0)
    @example(I64 - 3, I64 - 1, 1)
    @example(I64 - 10, I64 - 1, 4)
    @example(-I64, -I64 + 10, 3)
    @example(-I64 + 10, -I64, -3)
    @example(0, I64 - 1, 2 ** 62)
    @example(0, -I64, -(2 ** 62))
    def run(a, b, c):
        check(loops, "range3", a, b, c, sample=(1, 2, 3))
    run()


@pytest.mark.parametrize("name", ["range2", "while_loop", "last_index", "grow"])
def test_one_or_two_ints(loops, name):
    nargs = loops.func(name).code.n_pos
    sample = (3,) * nargs

    @SETTINGS
    @given(st.tuples(*[st.integers(-40, 300)] * nargs))
    def run(args):
        check(loops, name, *args, sample=sample)
    run()


def test_breaks(loops):
    @SETTINGS
    @given(st.integers(-5, 200), st.integers(-5, 9))
    def run(n, st_):
        check(loops, "breaks", n, st_, sample=(10, 3))
    run()


def test_mandel_bit_exact(loops):
    fn = entry(loops, "mandel", 0.1, 0.1, 100)
    for i in range(-40, 20):
        for j in range(-20, 21, 2):
            cr, ci = i / 16, j / 16
            got = loops.outcome(fn, cr, ci, 200)
            want = loops.outcome(loops.tier0("mandel"), cr, ci, 200)
            assert same_outcome(got, want), (cr, ci, got, want)


def test_mandel_floats(loops):
    @SETTINGS
    @given(st.floats(-2.5, 1.5), st.floats(-1.5, 1.5), st.integers(0, 300))
    @example(math.nan, 0.0, 10)
    @example(math.inf, 0.0, 10)
    def run(cr, ci, m):
        check(loops, "mandel", cr, ci, m, sample=(0.1, 0.1, 100))
    run()


def test_count_primes(loops):
    for n in (0, 2, 3, 100, 1000):
        check(loops, "count_primes", n, sample=(10,))
    assert entry(loops, "count_primes", 10)(loops.G, 1000) == 168


def test_fib_direct_recursion(calls):
    fn = entry(calls, "fib", 10)
    for n in range(-3, 22):
        check(calls, "fib", n, sample=(10,))
    assert fn(calls.G, 25) == 75025
    assert calls.info("fib").deopts == 0


def test_float_recursion(calls):
    for x in (0.5, 3.0, 10.0, 15.5, -1.0):
        check(calls, "ffib", x, sample=(2.0,))


def test_calls_of_other_globals(calls):
    for a in (0, 5, -7, I64 - 1, 2 ** 62):  # 2**62 * 2 overflows inside helper: its own tier 0
        check(calls, "uses_helper", a, sample=(3,))
    for a in (1, 2.5, True):
        check(calls, "calls_none", a, sample=(a,))


def test_speculated_call_result_type_changes(calls):
    """uses_helper expects helper's result to be an int: a float result deoptimises right
    after the call with the float on the stack, and tier 0 finishes."""
    fn = entry(calls, "uses_helper", 3)
    helper = calls.G["helper"]
    before = calls.info("uses_helper").deopts
    try:
        calls.G["helper"] = calls.G["global_arith"]  # still an int: no deopt
        assert fn(calls.G, 3) == 5
        assert calls.info("uses_helper").deopts == before
        calls.G["helper"] = calls.G["truediv_half"]  # a float: deopt after the call
        assert calls.outcome(fn, 3) == ("ok", 2.5)
        assert calls.info("uses_helper").deopts == before + 1
        calls.G["helper"] = calls.G["nothing"]  # None + 1: tier 0's TypeError
        got = calls.outcome(fn, 3)
        assert got[:2] == ("raise", "TypeError") and got[3][-1][0] == "uses_helper"
    finally:
        calls.G["helper"] = helper


def test_exception_from_callee_keeps_both_traceback_entries(calls):
    for a in (0, -1, 7):
        got = check(calls, "raises", a, sample=(1,))
    assert got[0] == "raise" and got[1] == "IndexError"
    assert [name for name, _pc in got[3]] == ["boom", "raises"]


def test_recursion_limit_is_a_guest_runtime_error(calls):
    fn = entry(calls, "recurse", 1)
    got = calls.outcome(fn, 1)
    want = calls.outcome(calls.tier0("recurse"), 1)
    assert got[:3] == want[:3] == ("raise", "RuntimeError", "maximum recursion depth exceeded")
