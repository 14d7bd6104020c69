"""The Python side of compiled code: deoptimisation, exceptions and polling.

Compiled code calls these through ``PyObject_Vectorcall`` (their addresses are in its IR):

* ``Deopt(G, pc, *values)`` - a guard failed before the instruction at ``pc``: ``values``
  are the boxed locals (jitvm's NULL for unbound or dead ones) then the value stack. A
  tier-0 frame is built from them and resumed at ``pc``; its result is the function's.
* ``Raiser(exc, pc)`` - a call (or the poll) failed at ``pc``: the exception gets its guest
  form and this frame's traceback entry, as the translation's ``_fail`` does.
* ``poll()`` - called every few thousand back edges and direct calls. Entering any Python
  function runs the eval loop's pending-work check (``eval_breaker``): it hands the GIL to
  waiting threads (the runner's watchdog needs it) and raises asynchronous exceptions
  (``--timeout``'s Timeout, Ctrl-C's KeyboardInterrupt) and signals. ``Py_MakePendingCalls``
  does none of the first two: a loop polling with it never lets the watchdog run.

Guard-stress mode (``JITVM_JIT_STRESS=1``, ``jitvm run --jit-stress``, or ``vm.jit_stress =
True``; see ``stress_mode``) makes every guard site of compiled code fail the first time it
is reached, so these paths run on every compiled function; the lowering decides it per
compile (its IR differs, so a cache of compiled code must key on it).
"""

from __future__ import annotations

import os

from jitvm.execute import VMAbort, add_traceback
from jitvm.gexc import guestify
from jitvm.interp import Frame
from jitvm.interrupt import PENDING, take
from jitvm.objects import NULL


def stress_mode(vm) -> bool:
    """Whether code compiled for ``vm`` runs in guard-stress mode: ``vm.jit_stress`` when
    set (True/False), else the environment's ``JITVM_JIT_STRESS`` (anything but "" or "0")."""
    v = getattr(vm, "jit_stress", None)
    if v is None:
        return os.environ.get("JITVM_JIT_STRESS", "") not in ("", "0")
    return bool(v)


def pack(*items):
    """BUILD_TUPLE: compiled code passes the boxed items."""
    return items


def poll():
    """Raises a pending Ctrl-C (``jitvm.interrupt``); being entered is what delivers
    asynchronous exceptions and GIL requests."""
    if PENDING[0]:
        take()


class Deopt:
    """Resumes tier 0 at a guard's instruction with the compiled frame's values."""

    __slots__ = ("code", "count", "func", "iters", "last_pc", "limit", "n_locals", "on_limit")

    def __init__(self, code, n_locals: int, iters: dict, func=None, limit=None,
                 on_limit=None) -> None:
        self.code = code
        self.func = func
        self.n_locals = n_locals
        self.iters = iters  # pc -> stack indices of iterators: a range's (cur, stop, step) or
        # a list's or tuple's (sequence, index, -)
        self.count = 0
        self.last_pc = None
        self.limit = limit  # after this many deopts, on_limit(code) once (e.g. to uninstall)
        self.on_limit = on_limit

    def __call__(self, G, pc, *values):
        self.count += 1
        self.last_pc = pc
        if self.count == self.limit and self.on_limit is not None:
            self.on_limit(self.code)  # the caller decides; this call still resumes below
        code = self.code
        n = self.n_locals
        fast = list(values[:n])
        fast.extend([NULL] * (code.n_state - n))
        stack = list(values[n:])
        for i in self.iters.get(pc, ()):
            first, second, third = stack[i:i + 3]
            if type(first) is int:  # a range iterator's (cur, stop, step)
                it = iter(range(first, second, third))
            else:  # a list or tuple iterator: (the sequence, the index, -)
                it = iter(first)
                it.__setstate__(second)
            stack[i:i + 3] = [it, NULL, NULL]  # tier 0's layout
        f = Frame(code, self.func, G, None, fast)
        f.stack = stack
        f.exc = []
        f.pc = pc
        return code.vm.executor.resume(f)


class Raiser:
    """Re-raises an exception that left compiled code, in its guest form with a traceback
    entry for this function at ``pc``."""

    __slots__ = ("code",)

    def __init__(self, code) -> None:
        self.code = code

    def __call__(self, exc, pc):
        if isinstance(exc, VMAbort):
            raise exc
        g = guestify(exc)
        if not isinstance(g, GeneratorExit):
            add_traceback(g, self.code, pc)
        raise g
