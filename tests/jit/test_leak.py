"""Reference counts: a million calls through every path of compiled code leave the
process's memory and the reference counts of the objects involved where they were."""

from __future__ import annotations

import gc
import os
import sys

from jitvm.objects import NULL

from .test_differential import I64, entry

MB = 1024 * 1024


def rss() -> int:
    with open(f"/proc/{os.getpid()}/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


SHARED = (None, True, False)  # referenced all over the host too: only a leak per call shows


def watched(*guests):
    objs = [NULL, range, *SHARED]
    for g in guests:
        objs += [g.G, *(v for v in g.G.values() if callable(v))]
    return objs


def refcounts(objs):
    gc.collect()
    return [sys.getrefcount(o) for o in objs]


def same_counts(objs, before, after) -> bool:
    return all(b == a or (any(o is s for s in SHARED) and abs(b - a) < 100)
               for o, b, a in zip(objs, before, after))


def stays_flat(burst, objs, warm: int, n: int) -> None:
    """After ``burst(warm)``, ``burst(n)`` grows RSS by less than 4 MB and leaves the reference
    counts of ``objs`` where they were."""
    burst(warm)
    before, counts = rss(), refcounts(objs)
    burst(n)
    grown = rss() - before
    assert grown < 4 * MB, f"RSS grew by {grown / MB:.1f} MB"
    assert same_counts(objs, counts, refcounts(objs))


def test_million_calls_keep_rss_flat(arith, loops, calls):
    add = entry(arith, "add", 1, 2)
    fadd = entry(arith, "mixed", 1.0, 2.0)
    cmp_ = entry(arith, "lt", 1, 2.0)
    loop = entry(loops, "mandel", 0.1, 0.1, 10)
    helper = entry(calls, "uses_helper", 1)
    none = entry(calls, "calls_none", 1)
    fib = entry(calls, "fib", 5)
    A, L, C = arith.G, loops.G, calls.G

    def burst(n):
        for i in range(n):
            add(A, i, 1000)
            fadd(A, 0.5, 1.5)
            cmp_(A, i, 2.5)
            helper(C, i)  # boxed call of another global and an unboxed result
            none(C, i)  # a None result popped
        for i in range(n // 100):
            loop(L, -0.5, 0.5, 50)
            fib(C, 10)  # 177 direct calls

    objs = watched(arith, loops, calls)
    stays_flat(burst, objs, 10_000, 1_000_000)


def test_cold_paths_release_everything(arith, loops, calls):
    """Fallbacks, deopts (boxing every live value), errors raised through compiled frames."""
    add = entry(arith, "add", 1, 2)
    div = entry(arith, "floordiv", 1, 2)
    rng = entry(loops, "range3", 1, 2, 3)
    raises = entry(calls, "raises", 1)
    big = 2 ** 70
    objs = watched(arith, loops, calls) + [big]

    def burst(n):
        for i in range(n):
            add(arith.G, big, i)  # fallback: a big int argument
            add(arith.G, I64 - 1, i + 1)  # deopt on overflow
            rng(loops.G, I64 - 7, I64 - 1, 2)  # deopt inside a range loop
            try:
                div(arith.G, i, 0)  # deopt, then tier 0 raises
            except ZeroDivisionError:
                pass
            try:
                raises(calls.G, 5)  # an error from a callee through the compiled frame
            except IndexError:
                pass

    stays_flat(burst, objs, 2_000, 20_000)


PROGRAM = '''
def iadd(a, b):
    return a + b

def fmul(x, y):
    return x * y + 0.5

def make(a):
    return [a, None]

def ident(o):
    return o

def passes(a):
    return ident(make(a))

def ovf(a):
    return a * a

def boom(a):
    return [1][a]

def raises(a):
    return boom(a)

def drive(n):
    t = 0
    for i in range(n):
        t += iadd(i, 1)
        fmul(1.5, 2.0)
        passes(i)
    return t

def drive_cold(n):
    for i in range(n):
        ovf(1099511627776)
        try:
            raises(5)
        except IndexError:
            pass
'''
COMPILED = ("iadd", "fmul", "passes", "ovf", "raises", "drive")


def test_guest_program_million_calls_at_tier1_keeps_rss_flat(tmp_path):
    """A guest program in one VM (tier 1, every function offered at its first call): a
    compiled loop makes 10**6 calls of each of: int arguments and result, floats, objects
    through a call and returned; then a function that deoptimises on every call (tier 0
    for good after 1000 deopts) and a compiled function whose callee raises, caught."""
    from jitvm.compiler import compile_cached
    from jitvm.jit import jit_info
    from jitvm.vm import VM

    p = tmp_path / "leak.py"
    p.write_text(PROGRAM)
    vm = VM(root=str(tmp_path))
    vm.tier, vm.jit_threshold, vm.jit_stress = 1, 0, False
    module = vm.new_module("leak")
    vm.run_module_code(vm.load_mpy(compile_cached(str(p), source_name=p.name), p.name), module)
    G = module.__dict__
    drive, cold = G["drive"], G["drive_cold"]
    n_hot, n_cold = 1_000_000, 100_000

    drive(20_000)
    cold(2_000)  # past the deopt limit: ovf is back in tier 0
    infos = {name: jit_info(G[name].code) for name in COMPILED}
    assert all(i is not None and i.compiled for i in infos.values()), {
        k: i and i.reason for k, i in infos.items()}
    assert infos["ovf"].deopts >= 1000 and G["ovf"].code.jit_retired is not None
    objs = watched() + [G, *(v for v in G.values() if callable(v))]
    before, counts = rss(), refcounts(objs)
    assert drive(n_hot) == n_hot * (n_hot + 1) // 2
    cold(n_cold)
    grown = rss() - before
    assert grown < 8 * MB, f"RSS grew by {grown / MB:.1f} MB"
    assert same_counts(objs, counts, refcounts(objs))


CONTAINERS = '''
TABLE = bytes(range(256))

def swap(xs, i, j):
    t = xs[i]
    xs[i] = xs[j]
    xs[j] = t
    return xs[i]

def total(items):
    s = 0.0
    for x in items:
        s += x
    return s

def fresh(out, n):
    for i in range(n):
        out.append((i, None))
    return len(out), out[-1]

def crypt(buf):
    for i in range(len(buf)):
        buf[i] = TABLE[buf[i]] ^ 0x55
    return buf[0], buf[-1]

def rows(grid):
    n = 0
    for row in grid:
        n += len(row)
        row[0] = row
        row[0] = None
    return n
'''


def test_references_in_compiled_code_are_released(tmp_path):
    from .helpers import Guest

    g = Guest(tmp_path, CONTAINERS, "containers")
    swap = g.compiled("swap", ["a", 2, 3.5], 0, 2)
    total = g.compiled("total", [1.0, 2.0])
    fresh = g.compiled("fresh", [], 3)
    crypt = g.compiled("crypt", bytearray(8))
    rows = g.compiled("rows", [[None, 1], [None, 2, 3]])
    G = g.G
    xs = ["a", 2, 3.5, (1, 2)]
    floats = [0.5] * 20
    mixed = [0.5] * 10 + [1]  # the item guard fails at the end: a deopt mid-loop
    buf = bytearray(range(64))
    grid = [[None, i] for i in range(10)]

    def burst(n):
        for i in range(n):
            swap(G, xs, i & 3, (i + 1) & 3)
            total(G, floats)
            total(G, mixed)
            total(G, (1.5, 2.5))  # a tuple: the entry's type check sends it to tier 0
            fresh(G, [], 5)
            crypt(G, buf)
            rows(G, grid)
            try:
                swap(G, xs, 7, 0)  # out of range: deopt, then tier 0 raises
            except IndexError:
                pass

    objs = [xs, floats, mixed, buf, grid, *xs, G, G["TABLE"], NULL, None]
    stays_flat(burst, objs, 2_000, 50_000)


OBJECTS = '''
class P:
    def __init__(self, x):
        self.x = x
    def step(self, k):
        return self.x + k
    def __iter__(self):
        return self
    def __next__(self):
        if self.left <= 0:
            raise StopIteration
        self.left -= 1
        return "ab"

def objects(p, names, n):
    t = 0
    s = ""
    for i in range(n):
        p.x = p.x + 1
        t += p.step(i) % 5
        s = names[i % 2] + "!"
        if s == "a!" and p is not None:
            t += 1
        if p.x == names or names[0] in names:  # watched objects on both sides
            t += 1
        for ch in s:  # an iterator left at its end and by break
            if ch == "!":
                break
        p.left = 2
        for name in p:  # the iterator is p itself (watched), run to its end
            t += len(name)
        if i % 3:
            x = 1
        else:
            x = 2.5
        t = t + x
    return t, s, [p.x, n]

def failing(p):
    return p.missing + 1

def bad_add(a, b):
    r = a + b
    return r

def raising(p):
    for i in range(2):
        if i:
            raise ValueError(p)
'''


def test_object_operations_release_everything(tmp_path):
    """Attributes, method calls, object operators, boxed locals, lists, and their error
    exits (an AttributeError, a TypeError reworded for MicroPython) leak nothing."""
    from .helpers import Guest

    g = Guest(tmp_path, OBJECTS, "objects")
    p = g.G["P"](0)
    names = ["a", "b"]
    objects = g.compiled("objects", p, names, 3)
    failing = g.compiled("failing", p)
    bad_add = g.compiled("bad_add", "s", 1)
    raising = g.compiled("raising", p)
    G = g.G

    def burst(n):
        for _ in range(n):
            objects(G, p, names, 3)
            for f, args in ((failing, (p,)), (bad_add, ("s", 1)), (bad_add, (None, 1)),
                            (raising, (p,))):
                try:
                    f(G, *args)
                except (AttributeError, TypeError, ValueError):
                    pass

    objs = [p, names, *names, G, G["P"], NULL, None]
    stays_flat(burst, objs, 2_000, 50_000)
