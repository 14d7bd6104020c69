"""Tier 0, whole functions: a function becomes one generated Python function, with its
locals and stack slots as Python local variables.

The stack depth before every instruction is fixed by the compiler (``jitvm.analysis``), so
the value at depth d lives in variable ``s<d>`` and local n in ``l<n>``; basic blocks are the
branches of a ``while True`` dispatch on ``pc``. Exception blocks are a list ``xs`` of
``[handler, is_finally, last exception]`` and a handler loop around the dispatch. Each
opcode has one emitter here (``EMITTERS``, checked against ``jitvm.opdefs``); what an
opcode means beyond moving values is a call of its ``jitvm.runtime`` helper, the same one
the frame interpreter calls. The emitters are in ``jitvm.emitters``. Class bodies (names resolved through their dict) stay on the
frame interpreter, which can also stop and resume anywhere (generators' first runs,
deoptimisation). When the generated code raises, its line number gives the instruction.
"""

from __future__ import annotations

import itertools
import marshal
import operator
import sys
import types

from . import interrupt, runtime
from .analysis import NotTranslatable, analyze
from .emitters import EMITTERS, tuple_source
from .errtext import refine
from .execute import TRANSLATED, VMAbort, add_traceback
from .gexc import guestify
from .objects import NULL, Cell, Function, GuestType, TranslatedGenerator, build_class, guest_method
from .opdefs import NO_FALLTHROUGH, SETUP_KIND, Flow, Scope, allowed_in, by_flow
from .runtime import Unwind, chain_context
from .sandbox import DIRECT_TYPES

_BUILTIN_NS = {"NULL": NULL, "Function": Function, "GuestType": GuestType, "Cell": Cell,
               "_type": type, "_D": DIRECT_TYPES, "_set": set, "_slice": slice, "_super": super,
               "_tuple": tuple, "_build_class": build_class, "_gm": guest_method,
               "_Unwind": Unwind, "_KI": interrupt.PENDING, "_ki_take": interrupt.take}


_CODE_MEMO: dict = {}  # source digest -> host code object, this process
_CODE_MEMO_MAX = 4096


def _code_tag() -> str:
    """What a code object's bytecode depends on: the interpreter and its exact version."""
    return f"jitvm-tier0 1 {sys.implementation.cache_tag} {sys.version}"


_TAG = _code_tag()
try:  # a built-in module: hashlib would load OpenSSL (~2.5 ms) in every run that translates
    from _blake2 import blake2b as _blake2b

    def _digest(data: bytes):
        return _blake2b(data, digest_size=32)
except ImportError:  # pragma: no cover - every CPython 3.11 has _blake2
    from hashlib import sha256 as _digest


def host_code(src: str):
    """``compile(src)`` for a generated function, through a memo and the on-disk cache
    (``jitvm.jit.cache``, folder ``tier0``): compiling the source is most of a translation's
    cost (~0.8 ms of ~1.2 ms for a small function), loading its marshalled code ~10 us. The
    key is the source, the interpreter and its exact version; a file that does not load as a
    code object is dropped and the source compiled."""
    k = _digest(f"{_TAG}\0{src}".encode("utf-8", "surrogatepass")).hexdigest()
    c = _CODE_MEMO.get(k)
    if c is not None:
        return c
    from .jit import cache

    blob = cache.load(k, "tier0")
    if blob is not None:
        try:
            c = marshal.loads(blob)
        except (ValueError, EOFError, TypeError):
            c = None
        if type(c) is not types.CodeType or c.co_filename != "<jitvm fn>":
            cache.forget(k, "tier0")
            c = None
    if c is None:
        c = compile(src, "<jitvm fn>", "exec")
        cache.store(k, marshal.dumps(c), "tier0", evict_every=64)
    if len(_CODE_MEMO) >= _CODE_MEMO_MAX:
        _CODE_MEMO.clear()
    _CODE_MEMO[k] = c
    return c


def translate(code):
    """A Python function ``fn(G, l0, l1, ..., pc=0, stk=None, xs0=None)`` equivalent to
    ``code``, or None. Module code (whose names are its globals) is translated too, for
    on-stack replacement of its loops; class bodies are not."""
    scope = (Scope.NAMES if code.name == "<module>" else
             Scope.GENERATOR if code.is_generator else Scope.ANY)
    allowed = allowed_in(scope)
    instrs = code.rc.instructions
    if not instrs or any(i.info.name not in allowed for i in instrs):
        return None
    try:
        a = analyze(code)
        code.translated_depth = a.depth
        code.instr_at = {i.offset: i for i in instrs}
        typing = getattr(code, "viper_typing", None)
        if typing is not None:  # machine-word semantics where the viper types say so
            from .vipertrans import ViperTranslation

            return ViperTranslation(code, a, typing).build()
        return _Translation(code, a).build()
    except NotTranslatable:
        return None


class _Translation:
    """The generated source of one function and the namespace it runs in."""

    def __init__(self, code, a) -> None:
        self.code = code
        self.vm = code.vm
        self.q = code.ctx.qstr_text
        self.a = a
        self.depth = a.depth
        self.ns: dict = dict(_BUILTIN_NS, _B=self.vm.builtins, _C=code)
        # tier 1 is on and may take this function: its translation counts its calls
        wants = code.wants_jit() and code.name != "<module>"
        if wants:
            from .limits import outside_budget

            with outside_budget():  # tier 1's bookkeeping is the host's memory
                self.counting = not _refused(code)
        else:
            self.counting = False
        self.consts: dict = {}
        self.getters: dict[str, str] = {}
        self.lines: list[str] = []
        self.line_pc: list[int] = []
        self.pc = 0
        instrs = a.instrs
        self.has_exc = any(i.info.name in _USES_BLOCKS for i in instrs)
        self.shift = 1 if self.has_exc else 0  # the dispatch sits inside the handler loop
        # loop headers where a running frame may move into tier 1 (jitvm.jit.osr)
        self.osr_at = frozenset()
        if wants and not self.has_exc:
            from .jit.subset import osr_headers

            self.osr_at = osr_headers(code, a)
        self.handlers = sorted({i.target for i in instrs
                                if i.info.name in SETUP_KIND and i.offset in self.depth})
        self.n_params = (code.n_pos + code.n_kwonly + int(code.varargs) + int(code.varkw))
        slots = [i.arg for i in instrs if i.info.name in _SLOT_OPS] + list(code.cells)
        self.max_local = max([self.n_params - 1, *slots])

    # ---- emitting ------------------------------------------------------------------------
    def emit(self, text: str, indent: int = 4) -> None:
        self.lines.append("    " * (indent + self.shift) + text)
        self.line_pc.append(self.pc)

    def const(self, v) -> str:
        if v is None or v is True or v is False:
            return repr(v)
        if type(v) is int and -(2 ** 62) < v < 2 ** 62:
            return f"({v!r})"
        for k, existing in self.consts.items():
            if existing is v or (type(existing) is type(v) and type(v) is str and existing == v):
                return k
        k = f"k{len(self.consts)}"
        self.consts[k] = v
        return k

    def helper(self, name: str) -> str:
        """The namespace name of ``jitvm.runtime.<name>``."""
        key = "_" + name
        self.ns.setdefault(key, getattr(runtime, name))
        return key

    def bind(self, key: str, value) -> str:
        self.ns[key] = value
        return key

    def getter(self, name: str) -> str:
        for k, v in self.getters.items():
            if v == name:
                return k
        key = f"ga_{len(self.getters)}"
        self.getters[key] = name
        self.ns[key] = self.vm.sandbox.attr_getter(name)
        return key

    def goto(self, target: int, ind: int = 4) -> None:
        self.emit(f"pc = {target}", ind)
        self.emit("continue", ind)

    def to_handler(self, var: str, ind: int) -> None:
        """Set pc to the handler of block ``b_`` with ``var`` in its first stack slot."""
        self.emit("pc = b_[0]", ind)
        for k, h in enumerate(self.handlers):
            self.emit(f"{'if' if k == 0 else 'elif'} pc == {h}: s{self.depth[h] - 1} = {var}", ind)

    def unwind_return(self, value: str, here: int, ind: int) -> None:
        """MicroPython's unwind_return: run pending finally blocks, then return."""
        self.emit(f"r_ = {value}", ind)
        self.emit("while xs:", ind)
        self.emit("b_ = xs[-1]", ind + 1)
        self.emit(f"if b_[1] and b_[0] >= {here}:", ind + 1)
        self.emit("u_ = _Unwind(-1, r_)", ind + 2)
        self.to_handler("u_", ind + 2)
        self.emit("break", ind + 2)
        self.emit("xs.pop()", ind + 1)
        self.emit("else:", ind)
        self.emit("return r_", ind + 1)
        self.emit("continue", ind)

    def unwind_jump(self, count: str, dest: str, here: int, ind: int) -> None:
        """MicroPython's unwind_jump: run pending finally blocks, then jump."""
        self.emit(f"k_ = {count} & 0x7F", ind)
        self.emit(f"j_ = {dest}", ind)
        self.emit("while k_:", ind)
        self.emit("k_ -= 1", ind + 1)
        self.emit("b_ = xs[-1]", ind + 1)
        self.emit(f"if b_[1] and b_[0] >= {here}:", ind + 1)
        self.emit("u_ = _Unwind(k_, j_)", ind + 2)
        self.to_handler("u_", ind + 2)
        self.emit("break", ind + 2)
        self.emit("xs.pop()", ind + 1)
        self.emit("else:", ind)
        self.emit("pc = j_", ind + 1)
        self.emit("continue", ind)

    def call(self, fn: str, args: list[str], dest: str, ind: int = 4) -> None:
        """A call with positional arguments: guest functions through their direct slot."""
        n = len(args)
        tup = tuple_source(args)
        extra = "".join(", " + x for x in args)
        self.emit(f"if _type({fn}) is Function:", ind)
        self.emit(f"c_ = {fn}.code", ind + 1)
        self.emit(f"cl_ = {fn}.closed", ind + 1)
        self.emit(f"if not cl_ and c_.direct_n == {n}: {dest} = c_.direct({fn}.globals{extra})",
                  ind + 1)
        self.emit(f"elif cl_ and c_.direct_n == {n} + len(cl_): "
                  f"{dest} = c_.direct({fn}.globals, *cl_{extra})", ind + 1)
        self.emit(f"else: {dest} = c_.invoke({fn}, {tup}, None)", ind + 1)
        self.emit(f"elif _type({fn}) is GuestType: {dest} = {self.helper('new_instance')}({fn}, {tup})",
                  ind)
        self.emit(f"else: {dest} = {fn}({', '.join(args)})", ind)

    # ---- the function --------------------------------------------------------------------
    def _count_calls(self, inst: Instrumented) -> None:
        """The counter of a translation that counts calls toward tier 1: an iterator that
        says True at the call that makes the function hot (~15 ns a call, against ~40 ns for
        a decremented integer), and once more DROP_AFTER calls later, when the counter is
        dropped from the code (tier 1 has looked at the function; rewriting the translation
        costs ~1.5 ms, which only a function called that often repays)."""
        code = self.code
        left = max(1, code.jit_calls() - code.calls)
        self.ns["_next"] = next
        self.ns["_hot"] = itertools.chain(itertools.repeat(False, left - 1), (True,),
                                          itertools.repeat(False, DROP_AFTER - 1), (True,),
                                          itertools.repeat(False))
        offered = []

        def tier_up(G, params):
            if offered:  # DROP_AFTER calls since: rewriting the translation now pays
                inst.drop(calls=True)
                return
            offered.append(True)
            code.calls = max(code.calls, code.jit_calls() + 1)
            code.tier_up(G, params, None, None)

        self.ns["_tier_up"] = tier_up

    def header(self) -> list[str]:
        code = self.code
        params = ", ".join(f"l{i}" for i in range(self.n_params))
        extra = ", ".join(f"l{i}=NULL" for i in range(self.n_params, self.max_local + 1))
        sig = ", ".join(p for p in ("G", params, extra, "pc=0", "stk=None", "xs0=None") if p)
        out = [f"def fn({sig}):", "    if stk is None:"]
        if self.counting:  # tier 1 is on: calls count toward it (Instrumented drops the line)
            args = tuple_source([f"l{i}" for i in range(self.n_params)])
            out.append(f"        if _next(_hot): _tier_up(G, {args})")
        out += self.entry_lines()
        out += [f"        l{c} = Cell(l{c})" for c in code.cells] or ["        pass"]
        out.append("    else:  # on-stack replacement: continue a running frame at a loop header")
        out.append("        pass")
        for t in self.a.back_jump_targets:
            dt = self.depth[t]
            if dt:
                out.append(f"        if pc == {t}: {', '.join(f's{k}' for k in range(dt))}, = stk")
        if code.is_generator:
            out += ["    if False:", "        yield  # a coroutine with no await is still a generator"]
        if self.has_exc:
            out += ["    xs = [] if xs0 is None else xs0  # exception blocks: [handler, is_finally, exc]",
                    "    while True:", "        try:", "            while True:"]
        else:
            out += ["    try:", "        while True:"]
        return out

    def body(self) -> None:
        targets = {i.target for i in self.a.instrs if i.target is not None and i.offset in self.depth}
        first_block = True
        falls_through = False
        for ins in self.a.instrs:
            off = ins.offset
            if off not in self.depth:
                continue  # unreachable
            self.pc = off
            if off in targets or first_block:
                if falls_through:
                    self.emit(f"pc = {off}")  # fall into the next block's test below
                self.emit(f"if pc == {off}:", 3)
                first_block = False
                if off in self.a.back_jump_targets:  # a safe point: a pending Ctrl-C raises here
                    self.emit("if _KI[0]: _ki_take()")
                if off in self.osr_at:  # a loop header: every so often, offer tier 1 the frame
                    self.emit(f"if _next(_loops{off}):")
                    self.emit(f"r_ = _osr(G, {off}, _locals())", 5)
                    self.emit("if r_ is not _NOPE: return r_", 5)
            name = ins.info.name
            self.instr(ins, self.depth[off])
            falls_through = name not in NO_FALLTHROUGH

    def instr(self, ins, depth: int) -> None:
        EMITTERS[ins.info.name](self, ins, depth)

    def entry_lines(self) -> list[str]:
        """Lines run on entry (not on on-stack replacement), before cells are made."""
        return []

    def tail(self) -> list[str]:
        if self.has_exc:
            out = ["        except BaseException as e_:", "            e_, pc = _route(e_, xs)"]
            for k, h in enumerate(self.handlers):
                out.append(f"            {'if' if k == 0 else 'elif'} pc == {h}: "
                           f"s{self.depth[h] - 1} = e_")
            return out
        return ["    except BaseException as e_:", "        raise _fail(e_)"]

    def build(self):
        self.body()
        header = self.header()
        src = "\n".join(header + self.lines + self.tail()) + "\n"
        ns = self.ns
        ns.update(self.consts)
        code = self.code
        first_line = len(header) + 1  # line number of lines[0]
        line_of = self.line_pc

        def fail(e):
            return translated_exception(code, e, line_of, first_line)

        def route(e, xs):
            """Send exception ``e`` to the innermost handler not already running, or re-raise."""
            if isinstance(e, VMAbort):
                raise e
            tb = e.__traceback__
            i = (tb.tb_lineno if tb is not None else first_line) - first_line
            fpc = line_of[i] if 0 <= i < len(line_of) else 0
            if code.op_names.get(fpc) in ("END_FINALLY", "RAISE_LAST"):
                g = guestify(e)
            else:
                g = translated_exception(code, e, line_of, first_line)
            while xs and xs[-1][0] <= fpc:
                done = xs.pop()  # a handler running when e was raised: e's context
                if done[2] is not None:
                    chain_context(g, done[2])
            if not xs:
                raise g
            xs[-1][2] = g
            return g, xs[-1][0]

        ns["_fail"] = fail
        ns["_route"] = route
        ns["_special"] = self.vm.sandbox.special_method
        try:
            compiled = host_code(src)
        except (SyntaxError, ValueError, RecursionError, MemoryError, OverflowError):
            raise NotTranslatable("generated source did not compile") from None  # stays in tier 0
        exec(compiled, ns)  # noqa: S102 - generated here
        fn = ns["fn"]
        TRANSLATED[fn.__code__] = code  # globals(), sys.exc_info() find the guest frame
        inst = Instrumented(fn, src, code) if self.counting or self.osr_at else None
        if self.counting:
            self._count_calls(inst)
        if self.osr_at:
            from .jit.osr import NOPE, Osr

            ns["_next"] = next
            def refused(pc, again):  # a header tier 1 refused offers rarely, then not at all
                if again:
                    inst.drop(header=pc)
                else:
                    ns[f"_loops{pc}"] = every(DROP_AFTER)

            ns["_osr"] = Osr(code, self.max_local + 1, refused)
            ns["_NOPE"] = NOPE
            ns["_locals"] = locals
            for off in self.osr_at:  # each header counts its own turns
                ns[f"_loops{off}"] = every(max(1, 10 * self.vm.jit_threshold))
        fn.n_locals = self.max_local + 1
        fn.osr_targets = frozenset(self.a.back_jump_targets)
        return fn


_USES_BLOCKS = by_flow(Flow.SETUP, Flow.POP_BLOCK_JUMP, Flow.END_FINALLY, Flow.UNWIND) | {"RAISE_LAST"}
_SLOT_OPS = frozenset(("LOAD_FAST_N", "LOAD_FAST_MULTI", "STORE_FAST_N", "STORE_FAST_MULTI",
                       "DELETE_FAST", "LOAD_DEREF", "STORE_DEREF", "DELETE_DEREF"))


DROP_AFTER = 20_000  # calls or loop turns after which instrumentation that is no use goes


def every(n: int):
    """An iterator saying True every n-th time, else False: a cycle of n booleans (~15 ns a
    step) up to 4096, else arithmetic on a counter (~40 ns, no n-element buffer)."""
    if n <= 4096:
        return itertools.cycle((False,) * (n - 1) + (True,))
    return map(operator.not_, map(n.__rmod__, itertools.count(1)))


class Instrumented:
    """A translation's tier-1 instrumentation (its call counter, its loop headers' offers)
    and how to drop pieces of it: the function gets the same code with those lines made
    inert (``pass``, ``if False:``: every line keeps its number, so line numbers still map
    to offsets). Frames running the old code finish with it."""

    def __init__(self, fn, src: str, code) -> None:
        self.fn = fn
        self.src = src
        self.code = code
        self.calls = True  # the call counter is there
        self.headers: set = set()  # loop headers whose offers were dropped

    def drop(self, calls: bool = False, header: int | None = None) -> None:
        before = (self.calls, len(self.headers))
        if calls:
            self.calls = False
        if header is not None:
            self.headers.add(header)
        if (self.calls, len(self.headers)) == before:
            return
        lines = []
        for ln in self.src.splitlines(keepends=True):
            body = ln.lstrip()
            indent = ln[:len(ln) - len(body)]
            if not self.calls and body.startswith("if _next(_hot):"):
                ln = indent + "pass\n"
            elif body.startswith("if _next(_loops"):
                pc = int(body[len("if _next(_loops"):].split(")", 1)[0])
                if pc in self.headers:
                    ln = indent + "if False:\n"
            lines.append(ln)
        from .limits import outside_budget

        ns = dict(self.fn.__globals__)
        try:
            with outside_budget():
                exec(host_code("".join(lines)), ns)  # noqa: S102 - ours
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return  # keeps the instrumentation
        new = ns["fn"].__code__
        TRANSLATED[new] = self.code
        self.fn.__code__ = new


def _refused(code) -> bool:
    """Tier 1 would refuse ``code`` whatever its arguments: recorded (``jitvm jit`` shows
    why) and its calls are not counted."""
    from .jit import refuse
    from .jit.subset import static_refusal

    why = static_refusal(code)
    native = getattr(code, "viper", None) is not None  # @micropython.native: always taken
    if why is None and code.vm.jit_threshold > 0 and code.straight() and not native:
        why = "neither a loop nor a call (compiled only with --jit-threshold 0)"
    if why is not None:
        refuse(code, why)
    return why is not None


def enter_translated(code, f, target: int):
    """On-stack replacement: finish frame ``f`` in its translation from loop header ``target``
    (its value stack and exception blocks carried over)."""
    tr = code.translation
    s = f.stack
    xs = [[b.handler, b.is_finally, b.prev_exc] for b in f.exc] if f.exc else None
    try:
        f.retval = tr(f.globals, *f.fast[:tr.n_locals], pc=target, stk=tuple(s), xs0=xs)
    except BaseException as e:
        try:
            e._jitvm_skip_frame = f  # the translation already added this frame's traceback line
        except AttributeError:
            pass
        s.clear()
        f.exc.clear()  # the translation ran the frame's handlers: they must not run twice
        raise
    s.clear()
    f.exc.clear()
    return -1


def enter_translated_generator(code, f, target: int):
    """On-stack replacement of a generator frame: a translated generator continues from loop
    header ``target`` with the frame's state; the frame delegates to it from now on
    (``ops_flow.b_delegate``, at the offset just past the bytecode)."""
    tr = code.gen_factory
    s = f.stack
    xs = [[b.handler, b.is_finally, b.prev_exc] for b in f.exc] if f.exc else None
    pg = tr(f.globals, *f.fast[:tr.n_locals], pc=target, stk=tuple(s), xs0=xs)
    s.clear()
    f.exc.clear()
    s.append(TranslatedGenerator(pg, code.name))
    s.append(None)
    return len(code.rc.bytecode)


def can_enter(f) -> bool:
    """Whether frame ``f`` may continue in its translation: not a class body, and no finally
    handler running for a return or break (whose marker the translation keeps differently)."""
    if f.locals is not None:
        return False
    if f.exc:
        for v in f.stack:
            if type(v) is Unwind:
                return False
    return True


def _with_operands(code, e, pc, frame_locals):
    """MicroPython's message for a host operator's TypeError, from the operands still in the
    generated function's stack-slot variables."""
    ins = code.instr_at.get(pc)
    d = code.translated_depth.get(pc) if code.translated_depth else None
    if ins is None or d is None or d < 2:
        return None
    operands = [frame_locals.get(f"s{d - 2}"), frame_locals.get(f"s{d - 1}")]
    return refine(e, ins.info.name, ins.arg, operands)


def translated_exception(code, e, line_pc, first_line):
    """Guest form of ``e`` with this function's traceback entry added (or ``e`` for aborts)."""
    if isinstance(e, VMAbort):
        return e
    if getattr(e, "_jitvm_tb_code", None) is code:  # raised in this frame's machine code (OSR)
        e._jitvm_tb_code = None
        return e
    tb = e.__traceback__
    lineno = tb.tb_lineno if tb is not None else first_line
    i = lineno - first_line
    pc = line_pc[i] if 0 <= i < len(line_pc) else 0
    if type(e) is TypeError and tb is not None and tb.tb_next is None:
        e = _with_operands(code, e, pc, tb.tb_frame.f_locals) or e
    g = guestify(e)
    if not isinstance(g, GeneratorExit):
        add_traceback(g, code, pc)
    return g
