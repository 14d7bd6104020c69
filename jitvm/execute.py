"""The tier-0 dispatch loop: runs a frame until it returns, yields or raises.

The guest call depth is bounded by the host recursion limit (each guest call costs a fixed
number of host frames), and a host RecursionError becomes the guest's RuntimeError.
"""

from __future__ import annotations

import sys
from time import perf_counter as _clock

from .gexc import guestify
from .interp import RETURN, handle_exception

_NO_TB_OPS = ("END_FINALLY", "RAISE_LAST")
HOST_FRAMES_PER_CALL = 3  # run/op closure -> Code.invoke -> Executor.run


class VMAbort(BaseException):
    """Ends the guest program from outside (timeout, heap limit, reset); guests cannot catch it."""


class Executor:
    """`run(frame)` is the one entry every guest call goes through."""

    def __init__(self, recursion_limit: int = 2000) -> None:
        self.limit = recursion_limit
        self.profiling = False

    def set_profiling(self, on: bool, vm) -> None:
        self.profiling = on
        vm.execute = self._profiled if on else self.run

    def run(self, f):
        """Run a fresh (non-generator) frame from its first instruction; return its value."""
        code = f.code
        ops = code.ops or code.build()
        s = f.stack
        fast = f.fast
        pc = 0
        while True:
            try:
                while pc >= 0:
                    pc = ops[pc](s, fast, f)
                return f.retval
            except BaseException as e:
                pc = self.unwind(f, code, e, pc)

    def resume(self, f, inject=None):
        """Continue a generator frame at f.pc (optionally throwing ``inject`` into it)."""
        code = f.code
        ops = code.ops or code.build()
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
        while True:
            try:
                if pending is not None:
                    e, pending = pending, None
                    raise e
                while pc >= 0:
                    pc = ops[pc](s, fast, f)
                break
            except BaseException as e:
                pc = self.unwind(f, code, e, pc)
        if pc == RETURN:
            f.pc = RETURN
        return f.retval

    def step(self, f) -> bool:
        """Execute exactly one instruction of frame ``f`` at ``f.pc``; False once the frame
        has returned. The frame stays plain data in between, which is what a debugger or the
        JIT's deoptimisation uses to stop and resume anywhere."""
        code = f.code
        if code.ops is None:
            code.build()
        op = code.ops[f.pc]
        try:
            pc = op(f.stack, f.fast, f)
        except BaseException as e:
            pc = self.unwind(f, code, e, f.pc)
        if pc < 0:
            f.pc = pc
            return False
        f.pc = pc
        return True

    def unwind(self, f, code, e, pc):
        """Route exception ``e`` raised at ``pc`` to a handler; re-raise if there is none."""
        if isinstance(e, VMAbort):
            raise e
        e = guestify(e)
        if getattr(e, "_jitvm_skip_frame", None) is f:
            e._jitvm_skip_frame = None
        elif not isinstance(e, GeneratorExit) and code.op_names.get(pc) not in _NO_TB_OPS:
            add_traceback(e, code, pc)
        npc = handle_exception(f, e, pc)
        if npc is None:
            f.pc = RETURN
            raise e
        return npc

    def _profiled(self, f):
        t0 = _clock()
        try:
            return self.run(f)
        finally:
            dt = _clock() - t0
            f.code.time += dt
            caller = self.current_frame(skip=1)
            if caller is not None:
                caller.code.time -= dt  # exclusive time: callees are charged to themselves

    @staticmethod
    def guest_frames():
        """The guest frames being run, innermost first, whichever tier-0 form runs them: the
        frame interpreter's frames, and views of translated functions' frames (tier 1
        compiles no function that looks at its frame)."""
        want = (Executor.run.__code__, Executor.resume.__code__)
        fr = sys._getframe(1)
        while fr is not None:
            c = fr.f_code
            if c in want:
                f = fr.f_locals.get("f")
                if f is not None:
                    yield f
            else:
                code = TRANSLATED.get(c)
                if code is not None:
                    yield TranslatedFrame(code, fr.f_locals)
            fr = fr.f_back

    @staticmethod
    def current_frame(skip: int = 0):
        """The innermost guest frame being run (for globals(), locals(), dir(), exec)."""
        for f in Executor.guest_frames():
            if skip == 0:
                return f
            skip -= 1
        return None

    @staticmethod
    def current_locals():
        """MicroPython's current locals dict: that of the innermost module or class body
        being run (a function has none: locals(), dir() and eval/exec see that dict)."""
        last = None
        for f in Executor.guest_frames():
            if f.locals is not None:
                return f.locals
            if f.code.name == "<module>":
                return f.globals
            last = f
        return last.globals if last is not None else {}


# the host code object of each Python translation -> the guest Code it runs (jitvm.translate)
TRANSLATED: dict = {}


class _Block:
    __slots__ = ("prev_exc",)

    def __init__(self, prev_exc) -> None:
        self.prev_exc = prev_exc


class TranslatedFrame:
    """A translated function's frame as the frame interpreter's Frame shows it: its code,
    globals and active exception blocks (``xs``: [handler, is_finally, exception])."""

    __slots__ = ("code", "globals", "locals", "exc")

    def __init__(self, code, host_locals: dict) -> None:
        self.code = code
        self.globals = host_locals.get("G")
        self.locals = None
        self.exc = [_Block(x[2]) for x in host_locals.get("xs", ())]


def add_traceback(e: BaseException, code, pc: int) -> None:
    tb = getattr(e, "_jitvm_tb", None)
    if tb is None:
        tb = []
        try:
            e._jitvm_tb = tb
        except AttributeError:
            return
    tb.append((code, pc))  # the line is looked up only if the traceback is printed


def traceback_entries(e: BaseException) -> list[tuple[str, int, str]]:
    """(file, line, function) of each frame the exception passed, innermost first."""
    return [(c.source_file, c.line_at(pc), c.name) for c, pc in getattr(e, "_jitvm_tb", [])]


# sys.tracebacklimit (MicroPython delegates it from sys): None, or how many calls to show
TRACEBACK_LIMIT: list = [None]
# MicroPython's default sys.tracebacklimit (py/runtime.c): an exception keeps the innermost
# 1000 entries, dropping the oldest (mp_obj_exception_add_traceback), so a recursion overflow
# does not print thousands of lines
KEPT_ENTRIES = 1000


def format_traceback(e: BaseException) -> str:
    """MicroPython's traceback format, outermost call first; sys.tracebacklimit N shows the
    first N calls, 0 or less none (and no header)."""
    rows = traceback_entries(e)[:KEPT_ENTRIES][::-1]  # innermost first: the oldest go
    limit = TRACEBACK_LIMIT[0]
    if isinstance(limit, int):
        rows = rows[:max(0, limit)]
    lines = ["Traceback (most recent call last):"] if rows or limit is None else []
    for file, line, name in rows:
        lines.append(f'  File "{file}", line {line}, in {name}')
    where = getattr(e, "_jitvm_where", None)  # a module that did not compile: where, no name
    if where is not None:
        lines.append(f'  File "{where[0]}", line {where[1]}')
    lines.append(format_exception_line(e))
    return "\n".join(lines) + "\n"


class GuestTraceback:
    """What CircuitPython's ``exc.__traceback__`` reads: the frames the exception had passed
    when it was read (opaque to the guest; traceback.print_exception takes it)."""

    __slots__ = ("entries",)

    def __init__(self, entries: tuple) -> None:
        self.entries = entries  # (code, pc), innermost first, as _jitvm_tb

    def __repr__(self) -> str:
        return f"<traceback object at 0x{id(self):x}>"


GuestTraceback.__name__ = GuestTraceback.__qualname__ = "traceback"


def format_traceback_limited(e: BaseException, entries, limit: int) -> str:
    """CircuitPython's traceback.format_exception: ``entries`` (innermost first) cut to the
    first ``limit`` calls (the last -limit when negative); no header without any."""
    rows = [(c.source_file, c.line_at(pc), c.name) for c, pc in entries][::-1]
    if limit > 0:
        rows = rows[:limit]
    elif limit < 0:
        rows = rows[limit:]
    lines = ["Traceback (most recent call last):"] if rows else []
    lines += [f'  File "{f}", line {ln}, in {n}' for f, ln, n in rows]
    lines.append(format_exception_line(e))
    return "\n".join(lines) + "\n"


def format_exception_line(e: BaseException) -> str:
    """The last line of a traceback: the name, ": " (always: mp_obj_exception_print with
    PRINT_EXC writes it even for an exception without a message) and the message."""
    return f"{type(e).__name__}: {e}"
