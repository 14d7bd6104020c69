"""Guard-stress mode (``JITVM_JIT_STRESS=1``, ``jitvm run --jit-stress``): every guard site of
compiled code fails the first time it is reached and the entry's type check sends the second
call to the fallback, so the deopt paths run on every compiled function. Results must be
tier 0's, and the deopts must really have happened."""

from __future__ import annotations

import io
import itertools
import random
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from jitvm.compiler import compile_cached
from jitvm.jit import compile_function, jit_info
from jitvm.jit.deopt import stress_mode
from jitvm.objects import Function
from jitvm.vm import VM

from .helpers import Guest, same_outcome
from .programs import ARITH, CALLS, LOOPS
from .test_deopt import SRC as DEOPTS
from .test_differential import EDGE_FLOATS, I64

ROOT = Path(__file__).resolve().parents[2]
PROGRAMS = {"arith": ARITH, "loops": LOOPS, "calls": CALLS, "deopts": DEOPTS}
SKIP = {"spin", "recurse", "boom"}  # endless; the recursion limit (test_loops_calls); a list
ROTATIONS = 3  # fresh compiles per function and types, each meeting the inputs in another order
MAX_CALLS = 48

ARITH_INTS = [5, 0, -7, 3, 1, -1, 2, 63, 64, 62, 2 ** 31, 2 ** 40, 3037000500, I64 - 1, -I64,
              -I64 + 1, I64 // 2, -3]
SMALL_INTS = [3, 0, -2, 1, 18, 7, -1, 12]  # loop counts: every loop ends soon
VALUES = {
    "arith": {int: ARITH_INTS, float: EDGE_FLOATS, bool: [True, False]},
    "other": {int: SMALL_INTS, float: [2.5, 0.0, -1.5, 10.0, 7.25, -0.0, 1.75, -3.0],
              bool: [True, False]},
}
# the argument types each function is compiled for: every combination in ARITH, else these
TYPES = {"mandel": [(float, float, int)], "ffib": [(float,)], "calls_none": [(int,), (float,)],
         "truediv_half": [(int,), (float,)], "fdiv": [(int, int), (float, float)],
         "fmod": [(int, int), (float, float)], "div": [(int, int), (float, float)]}


def sites(ir: str) -> int:
    """Guard sites with a "failed once" flag in a module's IR."""
    return len(re.findall(r'^@"[^"]*_stress\d+" = internal global i1', ir, re.MULTILINE))


def stress_guest(tmp: Path, name: str) -> Guest:
    g = Guest(tmp, PROGRAMS[name], name)
    g.vm.jit_stress = True
    return g


def functions(name: str):
    return [m for m in re.findall(r"^def (\w+)\(", textwrap.dedent(PROGRAMS[name]), re.MULTILINE)
            if m not in SKIP]


def type_combos(prog: str, fname: str, n: int):
    if prog == "arith":
        return list(itertools.product((int, float, bool), repeat=n))
    return TYPES.get(fname, [(int,) * n])


SMALL_EXPONENTS = [0, 1, 2, 3, 5, 7, 39, 62, 63, 64, 70, 200, -1, -3]  # no huge ** or <<


def inputs(prog: str, fname: str, types: tuple) -> list[tuple]:
    vals = VALUES["arith" if prog == "arith" else "other"]
    lists = [vals[t] for t in types]
    if fname in ("power", "lshift") and types[1] is int:
        lists[1] = SMALL_EXPONENTS
    every = list(itertools.product(*lists))
    random.Random(f"{prog}.{fname}.{types}").shuffle(every)
    return every[:MAX_CALLS]


CASES = [(p, f) for p in PROGRAMS for f in functions(p)]


@pytest.fixture(scope="module")
def guests(tmp_path_factory):
    return {p: stress_guest(tmp_path_factory.mktemp(f"stress_{p}"), p) for p in PROGRAMS}


@pytest.mark.parametrize("prog,fname", CASES, ids=[f"{p}.{f}" for p, f in CASES])
def test_every_guard_deopts_once_with_tier0_results(guests, prog, fname):
    """Each fresh compile in stress mode: every call's outcome is tier 0's; a function with
    guard sites deoptimised at least once; the entry check fell back exactly once."""
    g = guests[prog]
    f = g.func(fname)
    tier0 = g.tier0(fname)
    compiled_any = False
    for types in type_combos(prog, fname, f.code.n_pos):
        args = inputs(prog, fname, types)
        sample = tuple(t(1) for t in types)
        for r in range(ROTATIONS):
            fell_back = []

            def fallback(G, *a, _fb=fell_back):
                _fb.append(a)
                return tier0(G, *a)

            fn = compile_function(f.code, sample, fallback=fallback, func=f)
            info = jit_info(f.code)
            if fn is None:  # the typer refuses these types (e.g. float << int)
                assert "internal error" not in info.reason, (fname, types, info.reason)
                break
            compiled_any = True
            k = r * len(args) // ROTATIONS
            order = args[k:] + args[:k]
            for a in order:
                got, want = g.outcome(fn, *a), g.outcome(tier0, *a)
                assert same_outcome(got, want), (fname, types, a, got, want)
            n_sites = sites(info.ir)
            if n_sites:
                assert 1 <= info.deopts, (fname, types, n_sites)
            assert len(fell_back) == 1 and fell_back[0] == order[1]
    assert compiled_any


def test_normal_mode_emits_no_stress_code(tmp_path, monkeypatch):
    monkeypatch.delenv("JITVM_JIT_STRESS", raising=False)
    g = Guest(tmp_path, ARITH, "plain")
    f = g.func("add")
    g.compiled("add", 1, 2)
    plain = g.info("add").ir
    assert sites(plain) == 0 and "_stress" not in plain
    g.vm.jit_stress = True
    g.compiled("add", 1, 2)
    stressed = g.info("add").ir
    assert sites(stressed) == 1 and "_stress_calls" in stressed
    assert plain.count("\n") < stressed.count("\n") and f.code.name == "add"


def test_stress_mode_switches(monkeypatch):
    vm = VM()
    monkeypatch.delenv("JITVM_JIT_STRESS", raising=False)
    assert not stress_mode(vm)
    for v, want in (("1", True), ("0", False), ("", False), ("yes", True)):
        monkeypatch.setenv("JITVM_JIT_STRESS", v)
        assert stress_mode(vm) is want
    vm.jit_stress = False  # the VM's own setting wins (--jit-stress sets True)
    monkeypatch.setenv("JITVM_JIT_STRESS", "1")
    assert not stress_mode(vm)
    vm.jit_stress = True
    monkeypatch.delenv("JITVM_JIT_STRESS")
    assert stress_mode(vm)


# ---- whole programs: every function offered to tier 1 at its first call -------------------
DRIVER_ARGS = {  # what the driver calls each function with (the first call's types compile)
    "arith": [5, -3, I64 - 1, 0, 2.5, True, -0.0, 2 ** 40],
    "loops": [7, 0, 12, -2, 40],
    "calls": [5, 0, 3, 12, 2.5],
    "deopts": [3, 0, 25, -5, 1, 2.5],
}
EXPONENTS = (0, 1, 3, 63, 64, -1, 2.0)  # no huge int results from ** and <<


def driver(prog: str) -> str:
    """The program, then calls of each of its functions on every combination of DRIVER_ARGS,
    printing the result or the exception."""
    src = textwrap.dedent(PROGRAMS[prog])
    lines = [src, f"V = {DRIVER_ARGS[prog]!r}", f"E = {EXPONENTS!r}"]
    for fname in functions(prog):
        n = len(re.search(rf"^def {fname}\((.*?)\)", src, re.MULTILINE).group(1).split(","))
        if fname in ("power", "lshift"):
            calls = "for a in V:\n    for b in E:\n        ARGS.append((a, b))"
        elif fname == "mandel":
            calls = "for a in V:\n    for m in (0, 5, 30):\n        ARGS.append((a / 8, 0.25, m))"
        elif fname in ("count_primes", "grow", "last_index", "loop_sum"):
            calls = "for a in V:\n    ARGS.append((a,))"
        else:
            vs = "V" if n <= 2 else "V[:4]"
            loops = "".join(f"{'    ' * i}for a{i} in {vs}:\n" for i in range(n))
            calls = loops + "    " * n + f"ARGS.append(({''.join(f'a{i}, ' for i in range(n))}))"
        lines.append(textwrap.dedent(f'''
            ARGS = []
            {textwrap.indent(calls, " " * 12).lstrip()}
            for args in ARGS:
                try:
                    print("{fname}", args, {fname}(*args))
                except Exception as e:
                    print("{fname}", args, type(e).__name__, e)
            '''))
    return "\n".join(lines)


def run_program(tmp: Path, prog: str, *, tier: int, stress: bool):
    p = tmp / f"{prog}.py"
    p.write_text(driver(prog))
    out = io.StringIO()
    vm = VM(root=str(tmp), stdout=out)
    vm.tier, vm.jit_threshold, vm.jit_stress = tier, 0, stress
    code = vm.load_mpy(compile_cached(str(p), source_name=p.name), p.name)
    module = vm.new_module("__main__")
    vm.run_module_code(code, module)
    infos = {k: jit_info(v.code) for k, v in module.__dict__.items() if type(v) is Function}
    return out.getvalue(), infos


@pytest.mark.parametrize("prog", list(PROGRAMS))
def test_whole_program_in_stress_mode_prints_what_tier0_prints(tmp_path, prog):
    want, _ = run_program(tmp_path, prog, tier=0, stress=False)
    got, infos = run_program(tmp_path, prog, tier=1, stress=True)
    assert got == want
    assert want.count("\n") > 50
    compiled = {k: i for k, i in infos.items() if i is not None and i.compiled}
    guarded = {k: i for k, i in compiled.items() if sites(i.ir)}
    assert len(guarded) >= 3, sorted(compiled)
    not_deopted = [k for k, i in guarded.items() if i.deopts == 0]
    assert not not_deopted, not_deopted


def test_jit_stress_flag_of_jitvm_run(tmp_path):
    """`jitvm run --jit-stress` (through the CLI and the runner) prints what tier 0 prints."""
    p = tmp_path / "main.py"
    p.write_text(driver("calls"))
    base = [sys.executable, "-m", "jitvm", "run"]
    runs = [subprocess.run(base + extra + [str(p)], cwd=ROOT, capture_output=True, text=True,
                           timeout=120, check=False)
            for extra in ([], ["--tier", "1", "--jit-threshold", "0", "--jit-stress", "--jit-log"])]
    assert runs[0].returncode == runs[1].returncode == 0, runs[1].stderr
    assert runs[1].stdout == runs[0].stdout and runs[0].stdout.count("\n") > 50
    assert runs[1].stderr.count("compiled in") >= 3, runs[1].stderr
