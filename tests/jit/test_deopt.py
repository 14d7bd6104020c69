"""Guards: entry type checks fall back to tier 0 with the same arguments; mid-body guards
rebuild the tier-0 frame (live locals, value stack, range iterators) at the instruction."""

from __future__ import annotations

import pytest

from jitvm.jit import compile_function

from .helpers import Guest, same_outcome
from .test_differential import I64, check, entry

SRC = '''
def stacked(a, b):
    return (a + 1) * (b * b)

def later_local(a, b):
    c = a * 3
    d = c - 1
    return d + b * b * b

def in_range_loop(a, b):
    t = 0
    for i in range(a, a + 5, 2):
        t += i * b
    return t

def nested_loops(n, m):
    t = 0
    for i in range(0, n, 1):
        for j in range(m, 0, -1):
            t += i * j * 1000000000000
    return t

def uses_missing(a):
    b = a + 1
    missing(b)
    return b

def div(a, b):
    return a // b

def fdiv(a, b):
    return a / b

def fmod(a, b):
    return a % b

def neg_shift(a, b):
    return a << b

def zero_step(a, b, c):
    t = 0
    for i in range(a, b, c):
        t += i
    return t

def last_index(n):
    for i in range(n):
        pass
    return i
'''


@pytest.fixture(scope="module")
def g(tmp_path_factory):
    return Guest(tmp_path_factory.mktemp("deopt"), SRC, "deopt")


def deopts(g, name):
    return g.info(name).deopts


@pytest.mark.parametrize("name,args,sample,exc,msg", [
    ("div", (5, 0), (1, 1), "ZeroDivisionError", "divide by zero"),
    ("div", (5.0, 0.0), (1.0, 1.0), "ZeroDivisionError", "divide by zero"),
    ("div", (5, -0.0), (1, 1.0), "ZeroDivisionError", "divide by zero"),
    ("fdiv", (5, 0), (1, 1), "ZeroDivisionError", "divide by zero"),
    ("fdiv", (5.5, 0.0), (1.0, 1.0), "ZeroDivisionError", "divide by zero"),
    ("fmod", (5, 0), (1, 1), "ZeroDivisionError", "divide by zero"),
    ("fmod", (5.5, 0.0), (1.0, 1.0), "ZeroDivisionError", "divide by zero"),
    ("neg_shift", (5, -1), (1, 1), "ValueError", "negative shift count"),
    ("zero_step", (1, 5, 0), (1, 5, 1), "ValueError", "zero step"),
    ("last_index", (0,), (3,), "NameError", "local variable referenced before assignment"),
    ("uses_missing", (1,), (1,), "NameError", "name 'missing' isn't defined"),
])
def test_errors_come_from_tier0_with_micropython_text(g, name, args, sample, exc, msg):
    got = check(g, name, *args, sample=sample)
    assert got[:3] == ("raise", exc, msg)
    assert got[3][0][0] == name  # the traceback entry of this function, at the right pc


def test_deopt_rebuilds_the_value_stack(g):
    fn = entry(g, "stacked", 1, 1)
    n0 = deopts(g, "stacked")
    assert fn(g.G, 5, 3) == 54 and deopts(g, "stacked") == n0
    b = 2 ** 40  # b * b overflows with (a + 1) on the stack
    assert fn(g.G, 5, b) == 6 * b * b and deopts(g, "stacked") == n0 + 1
    assert fn(g.G, I64 - 1, 1) == I64  # a + 1 overflows first


def test_deopt_keeps_live_locals(g):
    fn = entry(g, "later_local", 1, 1)
    for a, b in ((1, 2), (I64 // 3, 5), (7, 2 ** 30), (-I64 // 3, -2 ** 22)):
        check(g, "later_local", a, b, sample=(1, 1))
    assert fn(g.G, 7, 2 ** 30) == 20 + 2 ** 90


def test_deopt_inside_range_loops_rebuilds_iterators(g):
    for a, b in ((0, 1), (I64 - 20, 1), (10, 2 ** 62), (-I64, -1)):
        check(g, "in_range_loop", a, b, sample=(1, 1))
    entry(g, "nested_loops", 1, 1)
    n0 = deopts(g, "nested_loops")
    for n, m in ((3, 4), (10, 10), (10 ** 4, 1)):
        check(g, "nested_loops", n, m, sample=(1, 1))
    assert deopts(g, "nested_loops") > n0  # 10**4 * 10**12 * ... overflows mid-loop


def test_shadowed_range_deopts_to_the_guest_range(g):
    fn = entry(g, "zero_step", 0, 10, 1)
    assert fn(g.G, 0, 10, 3) == 18
    n0 = deopts(g, "zero_step")
    g.G["range"] = g.G["last_index"]  # a guest function named range: returns n - 1
    try:
        got = g.outcome(fn, 5, 0, 0)
        want = g.outcome(g.tier0("zero_step"), 5, 0, 0)
        assert same_outcome(got, want) and got[1] == "TypeError"  # int isn't iterable
        assert deopts(g, "zero_step") == n0 + 1
    finally:
        del g.G["range"]
    assert fn(g.G, 0, 10, 3) == 18


@pytest.mark.parametrize("args", [(2.5, 1), (1, 2.5), ("x", 1), (I64, 1), (-I64 - 1, 1),
                                  (True, 1), (1, None)])
def test_other_argument_types_fall_back_to_tier0(g, args):
    seen = []
    f = g.func("div")
    tier0 = g.tier0("div")

    def fallback(G, *a):
        seen.append(a)
        return tier0(G, *a)

    fn = compile_function(f.code, (7, 2), fallback=fallback, func=f)
    got, want = g.outcome(fn, *args), g.outcome(tier0, *args)
    assert same_outcome(got, want)
    assert seen == [args]
    assert fn(g.G, 7, 2) == 3 and seen == [args]  # the right types stay compiled


def test_deopt_limit_callback_and_globals_lookup(g):
    f = g.func("stacked")
    hits = []
    fn = compile_function(f.code, (1, 1), fallback=g.tier0("stacked"), globals_=g.G,
                          max_deopts=3, on_max_deopts=hits.append)
    for k in range(5):
        assert fn(g.G, 1, 2 ** 40) == 2 * 2 ** 80
    assert hits == [f.code]
    assert g.info("stacked").deopts == 5
