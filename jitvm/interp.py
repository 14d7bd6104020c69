"""Tier 0: runs decoded bytecode. Each function is decoded once into pre-bound closures.

A frame is data (code, pc, fast locals, value stack, exception stack), so execution can
stop and resume at any instruction boundary: generators use that, and so can the JIT.
The value-stack layout mirrors MicroPython's VM (iterators take 4 slots, `with` 2) so
that the compiler's stack bookkeeping (POP_TOPs on break, unwinding) holds unchanged.
"""

from __future__ import annotations

from .binder import make_binder
from .gexc import GUEST_EXC, StopIteration_
from .objects import NULL, Cell, Function, Generator, TranslatedGenerator
from .runtime import chain_context

RETURN = -1
YIELD = -2
TRANSLATE_AFTER_CALLS = 2  # a function's second call runs its Python translation
TRANSLATE_AFTER_BACKJUMPS = 50  # a loop running this long in the frame interpreter moves there too
LOOP_FREE_FACTOR = 50  # a function without a loop is compiled after this many times more calls



class ExcBlock:
    """An exception-stack entry: handler offset, stack depth, finally-kind, last exception."""

    __slots__ = ("handler", "depth", "is_finally", "prev_exc")

    def __init__(self, handler: int, depth: int, is_finally: bool) -> None:
        self.handler = handler
        self.depth = depth
        self.is_finally = is_finally
        self.prev_exc = None


class Frame:
    """A tier-0 frame: code, pc, fast locals, value stack, exception stack (all plain data)."""

    __slots__ = ("code", "fast", "stack", "exc", "pc", "func", "globals", "locals", "retval",
                 "gen", "yield_pc", "inject", "__weakref__")

    def __init__(self, code, func, globals_, locals_=None, fast=None) -> None:
        self.code = code
        self.func = func
        self.globals = globals_
        self.locals = locals_
        self.fast = [NULL] * code.n_state if fast is None else fast
        self.stack = []
        self.exc = []
        self.retval = None


class Code:
    """A decoded function: its prelude facts and one closure per instruction."""

    # the call slot at fixed offsets (compiled code reads them: jitvm.jit.lower_calls)
    __slots__ = ("__dict__", "__weakref__", "direct", "direct_n")

    def __init__(self, vm, module_ctx, rc, parent_name: str | None = None) -> None:
        p = rc.prelude
        self.vm = vm
        self.ctx = module_ctx
        self.rc = rc
        self.name = rc.name
        self.source_file = module_ctx.source_file
        self.n_state = p.n_state
        self.flags = p.scope_flags
        self.n_pos = p.n_pos_args
        self.n_kwonly = p.n_kwonly_args
        self.n_def = p.n_def_pos_args
        qstrs = module_ctx.qstr_text
        self.arg_names = [qstrs[i] for i in p.arg_indices]
        self.arg_index = {n: i for i, n in enumerate(self.arg_names)}
        self.cells = tuple(p.cells)
        self.is_generator = bool(self.flags & 0x01)
        self.varargs = bool(self.flags & 0x04)
        self.varkw = bool(self.flags & 0x02)
        self.prelude = p
        self.children = [None] * len(rc.children)
        self.ops = None  # built lazily on first call
        self.null_tail = (NULL,) * max(0, self.n_state - self.n_pos)
        self.simple = (not self.varargs and not self.varkw and not self.n_kwonly and not self.cells
                       and not self.is_generator)
        self.calls = 0
        self.backjumps = 0
        self.time = 0.0
        self.entry = None  # the JIT may install a compiled entry here
        self.translate_tried = False
        self.translation = None  # the Python translation (jitvm.translate), once made
        self.translated = None  # a whole-function translation (jitvm.translate), when eligible
        self.gen_factory = None  # the translation of a generator function
        self.gen_n = -1
        self.translated_depth = None  # stack depth per offset, for error texts from translations
        self.instr_at = {}
        self.direct = None
        self.direct_n = -1  # positional-argument count for direct calls to `translated`
        self.n_params = self.n_pos + self.n_kwonly + int(self.varargs) + int(self.varkw)
        self.defaults_only = not (self.varargs or self.varkw or self.n_kwonly)
        self.binder_factories = {}  # default layout -> binder factory (jitvm.binder)
        self.op_names = {}
        self.jit_tried = False  # tier 1 looked at this function (compiled or not)
        self.jit_at = None  # the call count that makes it hot (jit_calls)
        self.tier0_direct = None  # the tier-0 entry a compiled one replaced (the fallback)
        self.jit_retired = None  # a compiled entry taken out: kept alive, it may be running
        self.viper = None  # the side-table entry of a @micropython.native/viper function
        self.viper_typing = None  # a viper function's types (jitvm.vipertype), once checked

    def child(self, i: int) -> "Code":
        c = self.children[i]
        if c is None:
            rc = self.rc.children[i]
            c = Code(self.vm, self.ctx, rc) if rc.kind == 0 else MachineCode(self.ctx, rc)
            self.children[i] = c
        return c

    def line_at(self, pc: int) -> int:
        return self.prelude.line_at(pc)

    def translate(self) -> None:
        """Install the function's Python translation (jitvm.translate) in its call slot."""
        if self.translate_tried:
            return
        self.translate_tried = True
        if not self.vm.translating and self.viper_typing is None:
            return  # viper code has no other tier-0 form: it is always translated
        from .translate import translate

        tr = translate(self)
        if tr is not None and self.is_generator:
            self.gen_factory = tr  # calls make host generators (OSR: ops_flow.back_edge)
            if not self.varargs and not self.varkw and not self.n_kwonly:
                self.gen_n = self.n_pos
        elif tr is not None:
            self.translation = tr  # what on-stack replacement enters, whatever the call slot holds
            self.translated = tr
            if not self.varargs and not self.varkw and not self.n_kwonly:
                self.direct_n = self.n_pos
                self.direct = tr  # when tier 1 is on, the translation counts its calls

    def build(self) -> list:
        from .ops import build_ops

        self.op_names = {i.offset: i.info.name for i in self.rc.instructions}
        self.ops = build_ops(self)
        if self.is_generator:  # where a generator's frame goes on in its translation
            from .ops_flow import b_delegate

            self.ops[len(self.rc.bytecode)] = b_delegate(self)
        return self.ops

    # ---- calling -------------------------------------------------------------------------
    def bind(self, func: Function, args: tuple, kwargs: dict) -> Frame:
        """Create a frame with the arguments in place (MicroPython's mp_setup_code_state)."""
        f = Frame(self, func, func.globals, None, self.bind_fast(func, args, kwargs))
        fast = f.fast
        for c in self.cells:
            fast[c] = Cell(fast[c])
        return f

    def bind_fast(self, func: Function, args: tuple, kwargs: dict) -> list:
        """The fast-locals list with every argument in place (cells not yet made), with
        MicroPython's checks and error texts (py/bc.c, mp_setup_code_state).

        Callers that need only the parameters slice ``[:n_params]`` of it.
        """
        if func.closed:
            args = func.closed + args
        defaults = func.defaults
        n_def = len(defaults)
        n_pos = self.n_pos
        n_args = len(args)
        kw_path = bool(kwargs) or func.kwdefaults is not None
        if not kw_path and self.defaults_only and n_pos - n_def <= n_args <= n_pos:
            return [*args, *defaults[n_def - (n_pos - n_args):], *self.null_tail]  # f(a) of f(a, b=1)
        fast = [NULL] * self.n_state
        if n_args > n_pos:
            if not self.varargs:
                self._mismatch(func, n_pos, n_args)
            fast[:n_pos] = args[:n_pos]
            fast[n_pos + self.n_kwonly] = tuple(args[n_pos:])
            n_args = n_pos
        else:
            fast[:n_args] = args
            if self.varargs:
                fast[n_pos + self.n_kwonly] = ()
            if not kw_path:
                if n_args < n_pos - n_def:
                    self._mismatch(func, n_pos - n_def, n_args)
                fast[n_args:n_pos] = defaults[n_def - (n_pos - n_args):]
        varkw_at = n_pos + self.n_kwonly + (1 if self.varargs else 0)
        if not kw_path:
            if self.n_kwonly:
                raise GUEST_EXC["TypeError"]("function missing keyword-only argument")
            if self.varkw:
                fast[varkw_at] = {}
            return fast
        extra = {}
        if self.varkw:
            fast[varkw_at] = extra
        index = self.arg_index
        for k, v in (kwargs or {}).items():
            i = index.get(k)
            if i is None:
                if not self.varkw:
                    raise GUEST_EXC["TypeError"](f"unexpected keyword argument '{k}'")
                extra[k] = v
            elif fast[i] is not NULL:
                raise GUEST_EXC["TypeError"](f"function got multiple values for argument '{k}'")
            else:
                fast[i] = v
        for i in range(n_pos - n_def, n_pos):
            if fast[i] is NULL:
                fast[i] = defaults[i - (n_pos - n_def)]
        for i in range(n_pos):
            if fast[i] is NULL:
                raise GUEST_EXC["TypeError"](f"function missing required positional argument #{i}")
        kwd = func.kwdefaults or {}
        names = self.arg_names
        for i in range(n_pos, n_pos + self.n_kwonly):
            if fast[i] is NULL:
                if names[i] not in kwd:
                    raise GUEST_EXC["TypeError"](
                        f"function missing required keyword argument '{names[i]}'")
                fast[i] = kwd[names[i]]
        return fast

    def _mismatch(self, func: Function, expected: int, given: int):
        """MicroPython counts a closure's cells among the arguments (they come first)."""
        raise GUEST_EXC["TypeError"](
            f"{self.name}() takes {expected} positional arguments but {given} were given")

    def invoke(self, func: Function, args: tuple, kwargs):
        self.calls += 1
        if self.calls == TRANSLATE_AFTER_CALLS:
            self.translate()
        if not self.jit_tried and self.calls > (self.jit_at or self.jit_calls()):
            self.tier_up(func.globals, args, func, kwargs)
        tr = self.translated
        if tr is not None:
            if not kwargs and len(args) + len(func.closed) == self.direct_n:
                return tr(func.globals, *func.closed, *args)
            b = func.binder
            if b is None:
                b = func.binder = make_binder(self, func)
            if b is not False:
                try:
                    return b(*args, **kwargs) if kwargs else b(*args)
                except TypeError as e:  # CPython refused the arguments: bind_fast says why
                    if e.__traceback__.tb_next is not None:
                        raise  # raised inside the function
            return tr(func.globals, *self.bind_fast(func, args, kwargs)[:self.n_params])
        gen = self.gen_factory
        if gen is not None:
            if not kwargs and len(args) + len(func.closed) == self.gen_n:
                pg = gen(func.globals, *func.closed, *args)
            else:
                pg = gen(func.globals, *self.bind_fast(func, args, kwargs)[:self.n_params])
            return TranslatedGenerator(pg, self.name)
        if func.closed:
            args = func.closed + args
        if self.simple and not kwargs and len(args) == self.n_pos:
            f = Frame(self, func, func.globals, None, [*args, *self.null_tail])
            return self.vm.execute(f)
        if func.closed:
            args = args[len(func.closed):]
        f = self.bind(func, args, kwargs)
        if self.is_generator:
            g = Generator(f)
            f.gen = g
            f.pc = 0
            f.yield_pc = 0
            f.inject = None
            return g
        return self.vm.execute(f)

    # ---- tiering: counters, the call slot, tier 1 in and out ------------------------------
    def wants_jit(self) -> bool:
        vm = self.vm
        return (vm.tier >= 1 and not self.jit_tried and not self.is_generator
                and self.viper_typing is None
                and not self.cells and not self.varargs and not self.varkw
                and not self.n_kwonly)

    def jit_calls(self) -> int:
        """The calls after which tier 1 compiles this function: ``--jit-threshold`` for a
        function with a loop, LOOP_FREE_FACTOR times more for one without (machine code saves
        such a function little beyond its call, and the first compile of a run pays ~0.1 s
        of LLVM start-up)."""
        at = self.jit_at
        if at is None:
            t = self.vm.jit_threshold
            at = self.jit_at = t if self.has_loop() else t * LOOP_FREE_FACTOR
        return at

    def has_loop(self) -> bool:
        return any(i.target is not None and i.target <= i.offset for i in self.rc.instructions)

    def straight(self) -> bool:
        """Neither a loop nor a call: called from tier 0, machine code saves such a function
        next to nothing (perf_bench's viper_call0: 300k calls of a compiled ``f0()`` took as
        long as translated ones, plus the compile), so tier 1 takes it only with
        ``--jit-threshold 0``."""
        return not self.has_loop() and not any(i.info.name.startswith("CALL_")
                                               for i in self.rc.instructions)

    def tier_up(self, G: dict, args: tuple, func, kwargs) -> None:
        """Tiering's one home: compile with tier 1 for the argument types of this call and put
        the machine code in the call slot, the tier-0 entry behind it as the fallback."""
        vm = self.vm
        if vm.tier < 1 or (func is not None and func.closed) or self.viper_typing is not None:
            self.jit_tried = True
            return
        from .jit.subset import static_refusal

        why = static_refusal(self, opcodes=False)  # a generator, cells, *args, **kw, kw-only
        if why is not None:
            from .jit import refuse

            refuse(self, why)
            return
        if self.calls <= self.jit_calls():
            return  # not hot enough yet for a function without a loop
        if kwargs or len(args) != self.n_pos:  # try again on a plain positional call, a while
            if self.calls > 2 * self.jit_calls():
                from .jit import refuse

                refuse(self, "called with keyword arguments or defaults")
            return
        self.jit_tried = True
        if self.translated is None:
            self.translate()  # the Python translation is the fallback, when there is one
            if self.direct is not None:
                self.direct = self.translated
        from .jit import compile_function, compile_in_background, tier0_entry

        fallback = tier0_entry(self, func)

        def install(fn) -> None:  # the call slot takes the machine code; tier 0 behind it
            self.tier0_direct = fallback
            self.translated = fn
            self.direct = fn
            self.direct_n = self.n_pos

        from .limits import outside_budget

        with outside_budget():  # compiling is the host's work, not the guest's heap
            fn = compile_function(self, args, fallback=fallback, log=vm.jit_log, func=func,
                                  globals_=G, max_deopts=1000, on_max_deopts=self.tier_down,
                                  install=install if compile_in_background(vm) else None)
        if fn is not None and fn is not True:
            install(fn)

    def tier_down(self, _code=None) -> None:
        """Guards keep failing: back to tier 0 for good (the compiled code stays alive)."""
        if self.tier0_direct is not None:
            self.jit_retired = self.translated
            self.translated = self.tier0_direct
            self.direct = self.tier0_direct

    def run_class_body(self, func: Function, ns: dict):
        f = Frame(self, func, func.globals, ns)
        ns["__module__"] = func.globals.get("__name__")
        if func.closed:
            f.fast[:len(func.closed)] = func.closed
        for c in self.cells:
            f.fast[c] = Cell(f.fast[c])
        return self.vm.execute(f)

    def resume(self, gen: Generator, exc):
        f = gen.frame
        try:
            r = self.vm.executor.resume(f, exc)
        except StopIteration:  # PEP 479, which MicroPython follows too
            gen.finished = True
            raise GUEST_EXC["RuntimeError"]("generator raised StopIteration") from None
        except BaseException:
            gen.finished = True
            raise
        if f.pc == RETURN:
            gen.finished = True
            raise StopIteration_(r) if r is not None else StopIteration_()
        return r


class MachineCode:
    """A native, viper or asm function from a .mpy: kept, but it cannot run here."""

    is_generator = False
    direct_n = -1
    gen_n = -1
    calls = backjumps = 0
    time = 0.0
    children: list = []

    def __init__(self, ctx, rc) -> None:
        self.rc = rc
        self.ctx = ctx
        self.name = rc.name if rc.prelude is not None else f"<{rc.kind.name.lower()} function>"
        self.source_file = ctx.source_file
        self.arch = ctx.mpy.header.arch_name

    def invoke(self, func, args, kwargs):
        raise GUEST_EXC["RuntimeError"](
            f"{self.name}: {self.rc.kind.name.lower()} machine code for {self.arch} cannot run in "
            f"jitvm; put the .py source it was compiled from beside it, or run that (jitvm "
            f"compiles @native/@viper functions from their source)")


def handle_exception(f: Frame, e: BaseException, pc: int):
    """Route exception ``e`` raised at ``pc`` to a handler in ``f``; returns new pc or None."""
    exc = f.exc
    while exc and exc[-1].handler <= pc:
        done = exc.pop()  # a handler running when e was raised: its exception is e's context
        if done.prev_exc is not None:
            chain_context(e, done.prev_exc)
    if not exc:
        return None
    blk = exc[-1]
    del f.stack[blk.depth:]
    blk.prev_exc = e
    f.stack.append(e)
    return blk.handler


def _register_types() -> None:
    from . import objects

    objects.CODE_TYPES = (Code, MachineCode)
    objects.FRAME_TYPE[0] = Frame


_register_types()
