"""On-stack replacement into tier 1: a loop running long inside one call moves into machine
code compiled from its loop header (jitvm.jit.osr). Whole programs run with `jitvm run`
at tier 1 and at tier 0 must print the same, and the OSR entry must really have run."""

from __future__ import annotations

import textwrap

import pytest

from .helpers import run_jitvm

ENV: dict = {}  # more environment for the runs (a test may add to it)


def run(tmp_path, src: str, *flags: str) -> tuple[str, str, int]:
    p = tmp_path / "prog.py"
    p.write_text(textwrap.dedent(src))
    r = run_jitvm("run", *flags, str(p), env_extra=ENV, timeout=120)
    return r.stdout, r.stderr, r.returncode


def compare(tmp_path, src: str, *flags: str) -> str:
    """Tier 1 prints what tier 0 prints (exit status too); returns tier 1's --jit-log."""
    out0, _err0, rc0 = run(tmp_path, src, "--tier", "0")
    out1, log, rc1 = run(tmp_path, src, "--tier", "1", "--jit-log", *flags)
    assert (out1, rc1) == (out0, rc0), log
    return log


WHILE = """
def mandel(width, height, max_iter):
    total = 0
    check = 0
    y = 0
    while y < height:
        ci = -1.0 + 2.0 * y / height
        x = 0
        while x < width:
            cr = -2.0 + 3.0 * x / width
            zr = zi = 0.0
            it = 0
            while it < max_iter:
                zr2 = zr * zr
                zi2 = zi * zi
                if zr2 + zi2 > 4.0:
                    break
                zi = 2.0 * zr * zi + ci
                zr = zr2 - zi2 + cr
                it += 1
            total += it
            check = (check * 7 + it) & 0xFFFFFF
            x += 1
        y += 1
    return total, check

print(mandel(40, 30, 60))
"""


def test_single_call_loop_moves_into_machine_code(tmp_path):
    log = compare(tmp_path, WHILE)
    assert "jit: mandel@" in log and "compiled in" in log, log


RANGE_LOOPS = """
def sums(n):
    s = 0
    t = 0.5
    for i in range(n):            # mpy-cross: a counter loop (two ints on the stack)
        s += i * i
    r = range(n, 0, -3)           # a range object: a real iterator on the stack
    for j in r:
        s -= j
        t = t * 1.0001 + j
    for k in range(3, n, 7):
        for m in range(k, k + 20, 5):
            s ^= m
    return s, t

print(sums(20000))
"""


def test_range_loops_and_iterators(tmp_path):
    log = compare(tmp_path, RANGE_LOOPS)
    assert "jit: sums@" in log and "compiled in" in log, log


OVERFLOW = """
def grow(n):
    x = 3
    i = 0
    while i < n:
        x = x * 3 + i          # leaves i64 after ~40 turns: a guard deoptimises
        if x > 10 ** 30:
            x = x % 1000003
        i += 1
    return x

def count(n):
    c = 0
    for i in range(n):
        c += i
    c = c * (2 ** 40)           # after the loop, still in machine code: overflows to big ints
    return c * c

print(grow(5000), count(5000))
"""


def test_overflow_after_entry_deoptimises(tmp_path):
    log = compare(tmp_path, OVERFLOW)
    assert "jit: grow@" in log, log


RAISING = """
def helper(k):
    if k == 4321:
        raise ValueError("bad k", k)
    return k & 7

def loop(n, d):
    t = 0
    for i in range(n):
        t += helper(i)
        if i == n - 10:
            t = t // d        # ZeroDivisionError when d == 0 (a guard: tier 0 raises)
    return t

print(loop(3000, 2))
try:
    loop(5000, 2)
except ValueError as e:
    print("caught", e.args)
loop(3000, 0)
"""


def test_exceptions_from_machine_code_have_tier0_tracebacks(tmp_path):
    log = compare(tmp_path, RAISING)  # the uncaught traceback (lines, names) is part of stdout
    assert "jit: loop@" in log, log


DEAD_AND_LIVE = """
def dead_object(n):
    name = "abc" * 3          # an object local, dead once the loop starts
    k = len(name)
    i = 0
    while i < n:
        k = k * 5 % 1009
        i += 1
    return k

def live_object(n):
    items = {1: 2, 3: 4}      # a dict, live in the loop
    i = 0
    s = 0
    while i < n:
        s += len(items)
        if i is n:            # `is` on two ints: outside tier 1 (a boxed int is a new object)
            s = 0
        i += 1
    return s

print(dead_object(5000), live_object(5000))
"""


def test_object_locals(tmp_path):
    log = compare(tmp_path, DEAD_AND_LIVE)
    assert "jit: dead_object@" in log and "compiled in" in log.split("dead_object@")[1], log
    assert "jit: live_object" in log and "not compiled" in log.split("live_object")[1], log


@pytest.mark.parametrize("src", [WHILE, RANGE_LOOPS, OVERFLOW, RAISING],
                         ids=["while", "range", "overflow", "raising"])
def test_stress_and_threshold_zero(tmp_path, src):
    """Every guard of every compiled entry fails once; with --jit-threshold 0 every loop
    header offers the frame at every turn."""
    compare(tmp_path, src, "--jit-stress")
    compare(tmp_path, src, "--jit-threshold", "0")


CONTAINERS = """
def nbody(bodies, dt, steps):
    n = len(bodies)
    for _ in range(steps):
        for i in range(n):
            bi = bodies[i]
            for j in range(i + 1, n):
                bj = bodies[j]
                dx = bi[0] - bj[0]
                dy = bi[1] - bj[1]
                d2 = dx * dx + dy * dy + 0.01
                mag = dt / d2
                bi[2] -= dx * bj[4] * mag
                bi[3] -= dy * bj[4] * mag
                bj[2] += dx * bi[4] * mag
                bj[3] += dy * bi[4] * mag
        for b in bodies:
            b[0] += dt * b[2]
            b[1] += dt * b[3]
    return bodies

def sieve(limit):
    flags = bytearray(limit + 1)
    i = 2
    while i * i <= limit:
        if not flags[i]:
            for j in range(i * i, limit + 1, i):
                flags[j] = 1
        i += 1
    return sum(1 for k in range(2, limit + 1) if not flags[k])

def mixed(items):
    total = 0
    for x in items:           # ints, then a float: a guard deoptimises mid-loop
        total = total + x
    return total

bodies = [[float(i), float(i * i % 7), 0.5, -0.25, 1.0 + i] for i in range(6)]
print(nbody(bodies, 0.01, 400))
print(sieve(30000))
print(mixed(list(range(3000)) + [0.5] + list(range(10))))
print(mixed(tuple(range(5000))))
"""


def test_lists_tuples_bytearrays_in_machine_code(tmp_path):
    log = compare(tmp_path, CONTAINERS)
    assert "jit: nbody@" in log and "compiled in" in log.split("jit: nbody@")[1], log
    compare(tmp_path, CONTAINERS, "--jit-stress")
    compare(tmp_path, CONTAINERS, "--jit-threshold", "0")


def test_instrumentation_is_dropped_once_useless(tmp_path):
    """A function tier 1 has looked at stops counting calls, and a loop header it refused
    stops offering frames, once they have run long enough to repay rewriting the translation
    (it gets the same code without those lines)."""
    from jitvm.compiler import compile_cached
    from jitvm.vm import VM

    src = textwrap.dedent("""
        def refused(d, n):
            t = 0
            for i in range(n):
                t += len(d)
                if i is n:        # `is` on two ints: outside tier 1's subset
                    t = 0
            return t

        for k in range(21000):            # past the threshold, then DROP_AFTER more calls
            refused({1: 2}, 1)
        print(refused({1: 2, 3: 4}, 25000))   # an offer, refused; DROP_AFTER turns later, dropped
    """)
    p = tmp_path / "prog.py"
    p.write_text(src)
    vm = VM(root=str(tmp_path))
    vm.tier = 1
    out = []
    vm.stdout = type("W", (), {"write": lambda self, s: out.append(s), "flush": lambda self: None})()
    code = vm.load_mpy(compile_cached(str(p), source_name=p.name), p.name)
    vm.run_module_code(code, vm.new_module("__main__"))
    fn = next(c for c in code.children if c is not None and c.name == "refused")
    names = fn.translation.__code__.co_names
    assert "".join(out).split() == ["50000"]
    assert "_hot" not in names, names
    assert not [n for n in names if n.startswith("_loops")], names


def test_background_compile_mode_prints_what_tier0_prints(tmp_path, monkeypatch):
    """JITVM_JIT_BACKGROUND=1: hot functions and loops compile on a thread of their own while
    tier 0 goes on; the machine code is installed when ready. Same output, and the compile
    thread is waited for at the end of the run."""
    src = WHILE + RANGE_LOOPS + """
def hot(n):
    s = 0
    for i in range(n):
        s += i % 7
    return s

print(sum(hot(400) for _ in range(2000)))
"""
    monkeypatch.setitem(ENV, "JITVM_JIT_BACKGROUND", "1")
    log = compare(tmp_path, src)
    assert "compiled in" in log, log
