"""Assorted source forms mpy-cross turns into the stack shuffles and jumps tier 1 lowers:
chained comparisons, conditional expressions, big constants, augmented assignment of
floats, nested loops with break and continue, bool locals."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .helpers import Guest
from .test_differential import check

SRC = '''
def chained(a, b, c):
    return a < b < c

def chained3(a, b, c):
    return a <= b == c != a

def ternary(a, b):
    return a if a > b else b - 1

def big_consts(a):
    return a * 1234567890123 + 2 ** 40 - 9876543210

def neg_pow(a):
    return -a ** 2

def float_aug(x, y):
    x += y
    x *= 1.5
    x /= 3
    x //= 0.25
    x %= 7.5
    x -= y
    x **= 2
    return x

def nested(n):
    t = 0
    for i in range(n):
        if i % 3 == 0:
            continue
        for j in range(i):
            if j > 5:
                break
            t += i ^ j
    return t

def flags(n):
    seen = False
    odd = 0
    k = 0
    while k < n:
        seen = seen or k > 10
        if not (k & 1):
            k += 1
            continue
        odd += 1
        k += 1
    return odd * 2 + seen

def countdown(n):
    r = 0
    for i in range(n, 0, -1):
        r = r * 7 + i
        r %= 1000000007
    return r

def shadow(a, b):
    a = a + b
    b = a - b
    a = a - b
    return a * 1000 + b
'''

ints = st.integers(-(2 ** 63), 2 ** 63 - 1)
small = st.integers(-30, 30)
SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def g(tmp_path_factory):
    return Guest(tmp_path_factory.mktemp("forms"), SRC, "forms")


@pytest.mark.parametrize("name,strat,sample", [
    ("chained", st.tuples(small, small, small), (1, 2, 3)),
    ("chained", st.tuples(st.floats(), small, st.floats()), (1.0, 2, 3.0)),
    ("chained3", st.tuples(small, small, small), (1, 2, 3)),
    ("ternary", st.tuples(ints, ints), (1, 2)),
    ("ternary", st.tuples(st.floats(), st.floats()), (1.0, 2.0)),
    ("big_consts", st.tuples(ints), (1,)),
    ("neg_pow", st.tuples(ints), (1,)),
    ("neg_pow", st.tuples(st.floats()), (1.0,)),
    ("float_aug", st.tuples(st.floats(), st.floats()), (1.0, 2.0)),
    ("nested", st.tuples(st.integers(-3, 60)), (5,)),
    ("flags", st.tuples(st.integers(-3, 60)), (5,)),
    ("countdown", st.tuples(st.integers(-3, 300)), (5,)),
    ("shadow", st.tuples(ints, ints), (1, 2)),
])
def test_forms(g, name, strat, sample):
    @SETTINGS
    @given(strat)
    def run(args):
        check(g, name, *args, sample=sample)
    run()
