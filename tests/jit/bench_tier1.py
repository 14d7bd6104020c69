"""Tier-1 figures (not a test): tier 0 (translated) vs compiled vs CPython on the same source.

    .venv/bin/python -m tests.jit.bench_tier1
"""

from __future__ import annotations

import tempfile
import textwrap
import time
from pathlib import Path

from jitvm.compiler import compile_cached
from jitvm.jit import compile_function, jit_info, tier0_entry
from jitvm.vm import VM

from . import programs

SRC = programs.ARITH + programs.LOOPS + programs.CALLS  # the tests' own guest functions
CASES = [("fib", (25,)), ("mandel", (-0.1, 0.1, 200_000)), ("count_primes", (30_000,)),
         ("loop_sum", (1_000_000,))]


def best(fn, *args, repeat=5):
    out = None
    t = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn(*args)
        t = min(t, time.perf_counter() - t0)
    return t, out


def repeat_call(n, fn, *args):
    for _ in range(n):
        fn(*args)


def main() -> None:
    tmp = Path(tempfile.mkdtemp())
    p = tmp / "bench.py"
    p.write_text(textwrap.dedent(SRC))
    t0 = time.perf_counter()
    vm = VM(root=str(tmp))
    code = vm.load_mpy(compile_cached(str(p), source_name=p.name), p.name)
    mod = vm.new_module("bench")
    vm.run_module_code(code, mod)
    G = mod.__dict__
    cpy: dict = {}
    exec(compile(textwrap.dedent(SRC), "bench.py", "exec"), cpy)  # noqa: S102 - the reference
    print(f"{'program':<26}{'tier 0 (ms)':>12}{'tier 1 (ms)':>12}{'CPython (ms)':>13}"
          f"{'t0/t1':>8}{'CPy/t1':>8}{'compile ms':>11}")
    for name, args in CASES + [("add", (1, 2))]:
        f = G[name]
        for _ in range(3):  # let tier 0 translate it (the call slot's own warm-up)
            f(*args[:1] + args[1:]) if name != "fib" else f(15)
        fb = tier0_entry(f.code, f)
        fn = compile_function(f.code, args, fallback=fb, func=f)
        info = jit_info(f.code)
        if name == "add":
            n = 1_000_000
            t1, _ = best(repeat_call, n, fn, G, 1, 2)
            t0_, _ = best(repeat_call, n, f, 1, 2)
            tc, _ = best(repeat_call, n, cpy["add"], 1, 2)
            print(f"{'add(1, 2) per call (ns)':<26}{t0_ / n * 1e9:>12.0f}{t1 / n * 1e9:>12.0f}"
                  f"{tc / n * 1e9:>13.0f}{t0_ / t1:>8.1f}{tc / t1:>8.1f}{info.compile_ms:>11.1f}")
            continue
        t1, r1 = best(fn, G, *args)
        t0_, r0 = best(f, *args, repeat=2)
        tc, rc = best(cpy[name], *args, repeat=3)
        assert r1 == r0 == rc, (name, r1, r0, rc)
        label = f"{name}{args}".replace(" ", "")
        print(f"{label:<26}{t0_ * 1e3:>12.1f}{t1 * 1e3:>12.2f}{tc * 1e3:>13.1f}"
              f"{t0_ / t1:>8.1f}{tc / t1:>8.1f}{info.compile_ms:>11.1f}")
    print(f"(whole run {time.perf_counter() - t0:.1f} s; first compile includes importing "
          f"llvmlite and creating the LLJIT)")


if __name__ == "__main__":
    main()
