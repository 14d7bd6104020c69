"""Frames are data: a function can be run one instruction at a time and resumed anywhere."""

import os
import tempfile
from pathlib import Path

from jitvm.compiler import compile_cached
from jitvm.interp import Frame
from jitvm.objects import GuestModule
from jitvm.vm import VM

SRC = """
def work(n):
    total = 0
    for i in range(n):
        try:
            if i % 3 == 0:
                raise ValueError(i)
            total += i
        except ValueError:
            total -= 1
    return total
"""


def _vm_and_function():
    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / "m.py"
        p.write_text(SRC)
        data = compile_cached(str(p), source_name="m.py")
    vm = VM(os.getcwd())
    vm.tier = 0  # tier-0 facts (make test also runs tests/ with JITVM_TIER=1, which translates
    # a function at its first call: no back-jump counts, fused runs for step())
    code = vm.load_mpy(data, "m.py")
    mod = GuestModule("m")
    vm.run_module_code(code, mod)
    return vm, mod.__dict__["work"]


def test_stepping_every_instruction_gives_the_same_result_as_running():
    vm, work = _vm_and_function()
    expected = work(10)
    f = Frame(work.code, work, work.globals)
    f.fast[0] = 10
    f.pc = 0
    pcs = []
    while vm.executor.step(f):
        pcs.append(f.pc)
        # between any two instructions the frame is plain data: code, pc, locals, stacks
        assert isinstance(f.stack, list) and isinstance(f.exc, list)
    assert f.retval == expected == 23
    assert len(pcs) > 100 and len(set(pcs)) > 10


def test_a_frame_stopped_midway_resumes_in_the_dispatch_loop():
    vm, work = _vm_and_function()
    f = Frame(work.code, work, work.globals)
    f.fast[0] = 10
    f.pc = 0
    for _ in range(57):  # stop somewhere inside the loop, with an exception block active
        assert vm.executor.step(f)
    f.yield_pc = f.pc
    assert vm.executor.resume(f) == 23


def test_counters_for_tier_up():
    vm, work = _vm_and_function()
    work(5)
    work(5)
    assert work.code.calls == 2 and work.code.backjumps >= 5
