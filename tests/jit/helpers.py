"""Load guest programs and compile their functions with tier 1, for the tests."""

from __future__ import annotations

import math
import os
import struct
import subprocess
import sys
import textwrap
from pathlib import Path

from jitvm.compiler import compile_cached
from jitvm.jit import compile_function, jit_info, tier0_entry
from jitvm.vm import VM

ROOT = Path(__file__).resolve().parents[2]
# what selects tiers and their modes: a test process starts from the defaults (the session's
# scratch JITVM_CACHE_DIR is kept, so runs never write the user's cache)
MODE_VARIABLES = ("JITVM_TIER", "JITVM_JIT_THRESHOLD", "JITVM_NO_JIT", "JITVM_JIT_STRESS",
                  "JITVM_JIT_BACKGROUND", "JITVM_NO_CACHE")


def run_jitvm(*args, env_extra=None, cwd=ROOT, timeout: int = 300):
    """``python -P -m jitvm ARGS`` in a child process with the default modes (plus
    ``env_extra``); the CompletedProcess (text)."""
    env = {k: v for k, v in os.environ.items() if k not in MODE_VARIABLES}
    env.update(env_extra or {})
    return subprocess.run([sys.executable, "-P", "-m", "jitvm", *args], capture_output=True,
                          text=True, cwd=cwd, env=env, timeout=timeout, check=False)


class Guest:
    """A guest module run once; ``compiled(name, *args)`` is the tier-1 entry of a function
    specialised for ``args``' types, ``tier0(name)`` its frame-interpreter entry."""

    def __init__(self, tmp: Path, src: str, name: str = "prog") -> None:
        p = tmp / f"{name}.py"
        p.write_text(textwrap.dedent(src))
        self.vm = VM(root=str(tmp))
        self.vm.translating = False  # the reference is the frame interpreter
        code = self.vm.load_mpy(compile_cached(str(p), source_name=p.name), p.name)
        self.module = self.vm.new_module(name)
        self.vm.run_module_code(code, self.module)
        self.G = self.module.__dict__
        self.log: list[str] = []

    def func(self, name: str):
        return self.G[name]

    def tier0(self, name: str):
        f = self.G[name]
        return tier0_entry(f.code, f)

    def compiled(self, name: str, *args):
        f = self.G[name]
        fn = compile_function(f.code, args, fallback=self.tier0(name), log=self.log.append, func=f)
        assert fn is not None, jit_info(f.code).reason
        return fn

    def info(self, name: str):
        return jit_info(self.G[name].code)

    def outcome(self, fn, *args):
        """('ok', value) or ('raise', type name, message, traceback entries)."""
        try:
            return ("ok", fn(self.G, *args))
        except Exception as e:  # noqa: BLE001 - the guest's exception is the outcome
            tb = [(c.name, pc) for c, pc in getattr(e, "_jitvm_tb", [])]
            return ("raise", type(e).__name__, str(e), tb)


def same(x, y) -> bool:
    """Equal with the same type; floats bit for bit (nan equal to nan, -0.0 not 0.0)."""
    if type(x) is not type(y):
        return False
    if type(x) is float:
        return struct.pack("<d", x) == struct.pack("<d", y) or (math.isnan(x) and math.isnan(y))
    if type(x) is tuple:
        return len(x) == len(y) and all(same(a, b) for a, b in zip(x, y))
    return x == y


def same_outcome(a, b) -> bool:
    if a[0] != b[0]:
        return False
    return same(a[1], b[1]) if a[0] == "ok" else a[1:] == b[1:]
