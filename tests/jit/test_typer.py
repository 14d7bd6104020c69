"""jitvm.jit.typer: what is typed how, and what stays in tier 0 (with a reason)."""

from __future__ import annotations

import pytest

from jitvm.analysis import analyze
from jitvm.jit import compile_function, jit_info, tier0_entry
from jitvm.jit.typer import BOOL, FLOAT, INT, NotCompilable, infer

from .helpers import Guest

REFUSED = '''
def gen(n):
    yield n

def closure(n):
    def inner():
        return n
    return inner

def handler(n):
    try:
        return n + 1
    except ValueError:
        return 0

def star(*a):
    return 1

def kw(a, *, b=1):
    return a + b

def mixed_local(n):
    if n:
        x = 1
    else:
        x = 1.5
    return x * 2

def listy(n):
    return [n]

def stack_mixed(n):
    return (1 if n else 1.5) * 2

def slices(s, k):
    return s[k:], s[:k], s[::-1], s[1:k:2]

def size(o):
    return len(o) + 1

def mapping(n):
    return {n: 1}

def iterate(n):
    t = 0
    for x in n:
        t += x
    return t

def attr(n):
    return n.real

def global_value(n):
    return n + K

def is_op(a, b):
    return a is b

K = 3
'''


def types_of(guest: Guest, name: str, *args):
    f = guest.func(name)
    from jitvm.jit.typer import type_of_value

    return infer(f.code, analyze(f.code), tuple(type_of_value(a) for a in args))


@pytest.mark.parametrize("name,args,why", [
    ("gen", (1,), "generator"),
    ("closure", (1,), "closure"),
    ("handler", (1,), "exception handlers"),
    ("star", (), "*args"),
    ("kw", (1,), "keyword-only"),
    ("stack_mixed", (1,), "stack types differ"),
    ("mapping", (1,), "BUILD_MAP"),
    ("iterate", (1,), "iteration over int"),
    ("is_op", (1, 2), "binary op 7 on numbers"),  # a boxed number is a new object each time
])
def test_refused_with_reason(tmp_path, name, args, why):
    g = Guest(tmp_path, REFUSED)
    f = g.func(name)
    log = []
    assert compile_function(f.code, args, fallback=tier0_entry(f.code, f), log=log.append) is None
    reason = jit_info(f.code).reason
    assert why in reason, reason
    assert log == [f"jit: {name}: not compiled: {reason}"]


@pytest.mark.parametrize("args,why", [
    ((2 ** 64, 1), "beyond 64 bits"),
    ((1,), "1 of 2 positional"),
])
def test_refused_arguments(arith, args, why):
    f = arith.func("add")
    assert compile_function(f.code, args, fallback=tier0_entry(f.code, f)) is None
    assert why in jit_info(f.code).reason


def test_result_types(arith, loops):
    assert types_of(arith, "add", 1, 2).returns == {INT}
    assert types_of(arith, "add", 1, 2.0).returns == {FLOAT}
    assert types_of(arith, "truediv", 1, 2).returns == {FLOAT}
    assert types_of(arith, "lt", 1, 2.0).returns == {BOOL}
    assert types_of(arith, "band", True, False).returns == {BOOL}
    assert types_of(arith, "band", True, 3).returns == {INT}
    assert types_of(arith, "add", True, True).returns == {INT}
    assert types_of(arith, "lnot", 1.5).returns == {BOOL}
    assert types_of(loops, "mandel", 0.1, 0.2, 50).returns == {INT}


def test_range_loop_and_maybe_unbound(loops):
    t = types_of(loops, "last_index", 5)
    assert t.returns == {INT}
    assert t.maybe_unbound  # `i` after a loop that may not run


def test_self_recursion_result_is_speculated(calls):
    assert types_of(calls, "fib", 5).self_ret == INT
    assert types_of(calls, "ffib", 5.0).self_ret == FLOAT


def test_not_compilable_is_raised_for_float_bitops(arith):
    with pytest.raises(NotCompilable, match="bitwise op on a float"):
        types_of(arith, "bor", 1.0, 2)


@pytest.mark.parametrize("name,args", [
    ("mixed_local", (1,)), ("mixed_local", (0,)),  # a local of two types: boxed
    ("listy", (7,)),  # BUILD_LIST
    ("attr", (2,)), ("attr", (2.5,)),  # any attribute, through the sandbox's rules
    ("global_value", (1,)),  # int + object
    ("is_op", ("a", None)),
    ("iterate", ({1: 0, 2: 0},)), ("iterate", (b"ab",)),  # any iterable: PyIter_Next
    ("size", ({1: 0},)), ("size", ("abc",)),  # len() of any object
    ("slices", ([1, 2, 3, 4], 2)), ("slices", ("abcd", 1)),  # BUILD_SLICE
])
def test_objects_compile_and_agree_with_tier0(tmp_path, name, args):
    g = Guest(tmp_path, REFUSED)
    f = g.func(name)
    expected = tier0_entry(f.code, f)(f.globals, *args)
    compiled = compile_function(f.code, args, fallback=tier0_entry(f.code, f))
    assert compiled is not None, jit_info(f.code).reason
    assert compiled(f.globals, *args) == expected


def test_object_code_gets_the_fast_back_end_numbers_the_optimising_one(tmp_path):
    """A function made mostly of C-API calls compiles with the light IR passes and the -O0
    back end (its time is in the calls); a numeric one keeps the optimising back end. The
    choice is part of the object cache's key."""
    from jitvm.jit import cache
    from jitvm.jit.engine import engine

    g = Guest(tmp_path, REFUSED + '''
def objecty(o):
    return o.real + o.imag

def numeric(n):
    t = 0
    for i in range(n):
        t += i * i
    return t
''')
    for name, args, fast in (("objecty", (1.5,), True), ("numeric", (10,), False)):
        f = g.func(name)
        fn = compile_function(f.code, args, fallback=tier0_entry(f.code, f))
        assert fn is not None and fn(f.globals, *args) == tier0_entry(f.code, f)(f.globals, *args)
        assert jit_info(f.code).fast_cg is fast
    assert cache.key("x", False, engine(), True) != cache.key("x", False, engine(), False)
