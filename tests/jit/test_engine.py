"""jitvm.jit.engine: lazy llvmlite, real builtins, what they keep alive."""

from __future__ import annotations

import gc
import subprocess
import sys
import weakref

from jitvm.jit import compile_function, jit_info, tier0_entry


def test_importing_jitvm_does_not_import_llvmlite():
    src = ("import sys, jitvm, jitvm.jit, jitvm.vm, jitvm.runner\n"
           "print('llvmlite' in sys.modules, 'numba' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", src], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_entry_is_a_real_builtin(arith):
    fn = arith.compiled("add", 1, 2)
    assert type(fn).__name__ == "builtin_function_or_method"
    assert fn.__name__ == "add"
    assert fn(arith.G, 40, 2) == 42
    assert fn(arith.G, 40.5, 2) == 42.5  # another type: the fallback


def test_builtin_keeps_its_library_alive_and_frees_it(arith):
    fn = arith.compiled("mul", 6, 7)
    keep = fn.__self__[0]
    ref = weakref.ref(keep)
    del keep
    gc.collect()
    for _ in range(3):
        assert fn(arith.G, 6, 7) == 42
    assert ref() is not None
    del fn
    gc.collect()
    assert ref() is None


def test_jit_info_has_ir_types_and_time(loops):
    loops.compiled("loop_sum", 10)
    info = loops.info("loop_sum")
    assert info.compiled and info.reason is None
    assert info.types == "(n: int) -> int"
    assert "define" in info.ir and "_entry" in info.ir
    assert "llvm.sadd.with.overflow.i64" in info.opt_ir
    assert 0 < info.compile_ms < 5000
    assert "compiled in" in loops.log[-1]


def test_switch_turns_tier1_off(arith, monkeypatch):
    monkeypatch.setenv("JITVM_NO_JIT", "1")
    f = arith.func("sub")
    assert compile_function(f.code, (1, 2), fallback=tier0_entry(f.code, f)) is None
    assert "off" in jit_info(f.code).reason


def test_floats_are_not_contracted_to_fma(arith):
    """a*b + c rounds twice in CPython; a fused multiply-add would round once."""
    arith.compiled("mixed", 1.0, 1.0)
    assert "fma" not in arith.info("mixed").opt_ir


def long_source(lines: int) -> str:
    body = [f"        acc = (acc + {k} * i) % 1000003" for k in range(lines)]
    return "\n".join(["def long(n):", "    acc = 0", "    i = 0", "    while i < n:", *body,
                      "        i += 1", "    return acc", ""])


def test_long_functions_use_the_light_pipeline_or_stay_in_tier0(tmp_path):
    from jitvm.jit import FULL_OPT_LIMIT, MAX_INSTRUCTIONS

    from .helpers import Guest

    g = Guest(tmp_path, long_source(40), "medium")
    n = len(g.func("long").code.rc.instructions)
    assert FULL_OPT_LIMIT < n < MAX_INSTRUCTIONS
    fn = g.compiled("long", 3)
    assert g.info("long").compile_ms < 3000
    for k in (0, 1, 7, 100):
        assert fn(g.G, k) == g.tier0("long")(g.G, k)
    g2 = Guest(tmp_path, long_source(200), "huge")
    f = g2.func("long")
    assert compile_function(f.code, (3,), fallback=tier0_entry(f.code, f)) is None
    assert "too long" in jit_info(f.code).reason
