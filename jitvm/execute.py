"""The tier-0 dispatch loop: runs a frame until it returns, yields or raises."""

from __future__ import annotations

from time import perf_counter as _clock

from .gexc import GUEST_EXC, guestify
from .fuse import pc_of_exception
from .interp import RETURN, YIELD, handle_exception

_RuntimeError = GUEST_EXC["RuntimeError"]
_NO_TB_OPS = ("END_FINALLY", "RAISE_LAST")


class VMAbort(BaseException):
    """Ends the guest program from outside (timeout, heap limit, reset); guests cannot catch it."""


class Executor:
    """Owns the call depth; `execute(frame)` is the one entry every guest call goes through."""

    def __init__(self, recursion_limit: int = 2000) -> None:
        self.depth = 0
        self.limit = recursion_limit
        self.frames: list = []  # the live frames, innermost last (globals(), profiling)
        self.profiling = False

    def execute(self, f, inject=None):
        if self.profiling:
            return self._profiled(f, inject)
        return self._execute(f, inject)

    def _profiled(self, f, inject):
        t0 = _clock()
        frames = self.frames
        outer = frames[-1].code if frames else None
        try:
            return self._execute(f, inject)
        finally:
            dt = _clock() - t0
            f.code.time += dt
            if outer is not None:
                outer.time -= dt  # exclusive time: callees are charged to themselves

    def _execute(self, f, inject=None):
        code = f.code
        ops = code.ops or code.build()
        self.depth += 1
        if self.depth > self.limit:
            self.depth -= 1
            raise _RuntimeError("maximum recursion depth exceeded")
        frames = self.frames
        frames.append(f)
        s = f.stack
        fast = f.fast
        pc = f.pc
        pending = None
        if inject is not None:
            if getattr(ops[pc], "is_yield_from", False):
                f.inject = inject
            else:
                pending = inject
                pc = f.yield_pc
        try:
            while True:
                try:
                    if pending is not None:
                        e, pending = pending, None
                        raise e
                    while pc >= 0:
                        pc = ops[pc](s, fast, f)
                    break
                except BaseException as e:
                    if isinstance(e, VMAbort):
                        raise
                    if code.fused_lines:
                        exact = pc_of_exception(code, e.__traceback__)
                        if exact is not None:
                            pc = exact
                    e = guestify(e)
                    if not isinstance(e, GeneratorExit):
                        op_name = code.op_names.get(pc)
                        if op_name not in _NO_TB_OPS:
                            add_traceback(e, code, pc)
                    npc = handle_exception(f, e, pc)
                    if npc is None:
                        f.pc = RETURN
                        raise e
                    pc = npc
        finally:
            self.depth -= 1
            frames.pop()
        if pc == RETURN:
            f.pc = RETURN
        return f.retval


def add_traceback(e: BaseException, code, pc: int) -> None:
    tb = getattr(e, "_jitvm_tb", None)
    if tb is None:
        tb = []
        try:
            e._jitvm_tb = tb
        except AttributeError:
            return
    tb.append((code.source_file, code.line_at(pc), code.name))


def format_traceback(e: BaseException) -> str:
    """MicroPython's traceback format, outermost call first."""
    lines = ["Traceback (most recent call last):"]
    for file, line, name in reversed(getattr(e, "_jitvm_tb", [])):
        lines.append(f'  File "{file}", line {line}, in {name}')
    lines.append(format_exception_line(e))
    return "\n".join(lines) + "\n"


def format_exception_line(e: BaseException) -> str:
    name = type(e).__name__
    text = str(e)
    return f"{name}: {text}" if text else name
