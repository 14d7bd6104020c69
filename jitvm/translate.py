"""Tier 0, whole functions: a function becomes one generated Python function, with its
locals and stack slots as Python local variables.

The stack depth before every instruction is fixed by the compiler (``jitvm.analysis``), so
the value at depth d lives in variable ``s<d>`` and local n in ``l<n>``; basic blocks are the
branches of a ``while True`` dispatch on ``pc``. Exception blocks are a list ``xs`` of
``[handler, is_finally, last exception]`` and a handler loop around the dispatch. Each
opcode has one emitter here (``EMITTERS``, checked against ``jitvm.opdefs``); what an
opcode means beyond moving values is a call of its ``jitvm.runtime`` helper, the same one
the frame interpreter calls. Class bodies (names resolved through their dict) stay on the
frame interpreter, which can also stop and resume anywhere (generators' first runs,
deoptimisation). When the generated code raises, its line number gives the instruction.
"""

from __future__ import annotations

import keyword

from . import runtime
from .analysis import NotTranslatable, analyze
from .errtext import refine
from .execute import TRANSLATED, VMAbort, add_traceback
from .gexc import guestify
from .objects import NULL, Cell, Function, GuestType, TranslatedGenerator, build_class, guest_method
from .opdefs import NO_FALLTHROUGH, OPDEFS, SETUP_KIND, Flow, Scope, allowed_in, by_flow
from .runtime import Unwind
from .sandbox import DENIED_NAMES, DIRECT_TYPES

# operator templates (a, b: the operands' variables)
BINARY_EXPR = {
    0: "{a} < {b}", 1: "{a} > {b}", 2: "{a} == {b}", 3: "{a} <= {b}", 4: "{a} >= {b}",
    5: "{a} != {b}", 6: "{a} in {b}", 7: "{a} is {b}", 8: "isinstance({a}, {b})",
    22: "{a} | {b}", 23: "{a} ^ {b}", 24: "{a} & {b}", 25: "{a} << {b}", 26: "{a} >> {b}",
    27: "{a} + {b}", 28: "{a} - {b}", 29: "{a} * {b}", 30: "{a} @ {b}", 31: "{a} // {b}",
    32: "{a} / {b}", 33: "{a} % {b}", 34: "{a} ** {b}",
}
INPLACE = {9: "|=", 10: "^=", 11: "&=", 12: "<<=", 13: ">>=", 14: "+=", 15: "-=", 16: "*=",
           17: "@=", 18: "//=", 19: "/=", 20: "%=", 21: "**="}
UNARY_EXPR = {0: "+{a}", 1: "-{a}", 2: "~{a}", 3: "not {a}"}

_BUILTIN_NS = {"NULL": NULL, "Function": Function, "GuestType": GuestType, "Cell": Cell,
               "_type": type, "_D": DIRECT_TYPES, "_set": set, "_slice": slice, "_super": super,
               "_tuple": tuple, "_build_class": build_class, "_gm": guest_method,
               "_Unwind": Unwind}


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
        self.consts: dict = {}
        self.getters: dict[str, str] = {}
        self.lines: list[str] = []
        self.line_pc: list[int] = []
        self.pc = 0
        instrs = a.instrs
        self.has_exc = any(i.info.name in _USES_BLOCKS for i in instrs)
        self.shift = 1 if self.has_exc else 0  # the dispatch sits inside the handler loop
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
        tup = _tuple(args)
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
    def header(self) -> list[str]:
        code = self.code
        params = ", ".join(f"l{i}" for i in range(self.n_params))
        extra = ", ".join(f"l{i}=NULL" for i in range(self.n_params, self.max_local + 1))
        sig = ", ".join(p for p in ("G", params, extra, "pc=0", "stk=None", "xs0=None") if p)
        out = [f"def fn({sig}):", "    if stk is None:"]
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
            name = ins.info.name
            EMITTERS[name](self, ins, self.depth[off])
            falls_through = name not in NO_FALLTHROUGH

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
                xs.pop()
            if not xs:
                raise g
            xs[-1][2] = g
            return g, xs[-1][0]

        ns["_fail"] = fail
        ns["_route"] = route
        ns["_special"] = self.vm.sandbox.special_method
        try:
            host_code = compile(src, "<jitvm fn>", "exec")
        except (SyntaxError, ValueError, RecursionError, MemoryError, OverflowError):
            raise NotTranslatable("generated source did not compile") from None  # stays in tier 0
        exec(host_code, ns)
        fn = ns["fn"]
        TRANSLATED[fn.__code__] = code  # globals(), sys.exc_info() find the guest frame
        fn.n_locals = self.max_local + 1
        fn.osr_targets = frozenset(self.a.back_jump_targets)
        return fn


_USES_BLOCKS = by_flow(Flow.SETUP, Flow.POP_BLOCK_JUMP, Flow.END_FINALLY, Flow.UNWIND) | {"RAISE_LAST"}
_SLOT_OPS = frozenset(("LOAD_FAST_N", "LOAD_FAST_MULTI", "STORE_FAST_N", "STORE_FAST_MULTI",
                       "DELETE_FAST", "LOAD_DEREF", "STORE_DEREF", "DELETE_DEREF"))


def S(k: int) -> str:
    """The variable of stack slot ``k``."""
    return f"s{k}"


def _tuple(items: list[str]) -> str:
    return f"({', '.join(items)}{',' if len(items) == 1 else ''})"


# ---- one emitter per opcode: emit(t, ins, d) with d the stack depth before it --------------
EMITTERS: dict = {}


def emits(*names: str):
    def register(fn):
        for n in names:
            assert n in OPDEFS, n
            EMITTERS[n] = fn
        return fn
    return register


@emits("LOAD_CONST_SMALL_INT", "LOAD_CONST_SMALL_INT_MULTI")
def _e_small_int(t, ins, d):
    t.emit(f"{S(d)} = {t.const(ins.arg)}")


@emits("LOAD_CONST_STRING")
def _e_const_string(t, ins, d):
    t.emit(f"{S(d)} = {t.const(t.q[ins.arg])}")


@emits("LOAD_CONST_OBJ")
def _e_const_obj(t, ins, d):
    t.emit(f"{S(d)} = {t.const(t.code.ctx.objs[ins.arg])}")


@emits("LOAD_CONST_NONE", "LOAD_CONST_TRUE", "LOAD_CONST_FALSE")
def _e_const_named(t, ins, d):
    t.emit(f"{S(d)} = {ins.info.name[11:].capitalize()}")


@emits("LOAD_NULL")
def _e_null(t, ins, d):
    t.emit(f"{S(d)} = NULL")


@emits("LOAD_FAST_N", "LOAD_FAST_MULTI")
def _e_load_fast(t, ins, d):
    t.emit(f"{S(d)} = l{ins.arg}")
    if not t.a.is_assigned(ins.offset, ins.arg):
        t.emit(f"if {S(d)} is NULL: raise {t.helper('local_error')}()")


@emits("STORE_FAST_N", "STORE_FAST_MULTI")
def _e_store_fast(t, ins, d):
    t.emit(f"l{ins.arg} = {S(d - 1)}")


@emits("DELETE_FAST")
def _e_delete_fast(t, ins, d):
    t.emit(f"if l{ins.arg} is NULL: raise {t.helper('local_error')}()")
    t.emit(f"l{ins.arg} = NULL")


@emits("LOAD_DEREF")
def _e_load_deref(t, ins, d):
    t.emit(f"{S(d)} = l{ins.arg}.value")
    t.emit(f"if {S(d)} is NULL: raise {t.helper('local_error')}()")


@emits("STORE_DEREF")
def _e_store_deref(t, ins, d):
    t.emit(f"l{ins.arg}.value = {S(d - 1)}")


@emits("DELETE_DEREF")
def _e_delete_deref(t, ins, d):
    t.emit(f"if l{ins.arg}.value is NULL: raise {t.helper('local_error')}()")
    t.emit(f"l{ins.arg}.value = NULL")


@emits("LOAD_GLOBAL", "LOAD_NAME")  # LOAD_NAME only in module code: its names are its globals
def _e_load_global(t, ins, d):
    k = t.const(t.q[ins.arg])
    t.emit(f"{S(d)} = G.get({k}, NULL)")
    t.emit(f"if {S(d)} is NULL:")
    t.emit(f"{S(d)} = _B.get({k}, NULL)", 5)
    t.emit(f"if {S(d)} is NULL: raise {t.helper('name_error')}({k})", 5)


@emits("STORE_GLOBAL", "STORE_NAME")
def _e_store_global(t, ins, d):
    t.emit(f"G[{t.const(t.q[ins.arg])}] = {S(d - 1)}")


@emits("DELETE_GLOBAL", "DELETE_NAME")
def _e_delete_global(t, ins, d):
    t.emit(f"{t.helper('delete_name')}(G, {t.const(t.q[ins.arg])})")


@emits("LOAD_ATTR")
def _e_load_attr(t, ins, d):
    name, o = t.q[ins.arg], S(d - 1)
    if is_plain_attr(name):  # the guest's own objects and host values: a direct load
        t.emit(f"{o} = {o}.{name} if _type({o}) in _D else {t.getter(name)}({o})")
    else:
        t.emit(f"{o} = {t.getter(name)}({o})")


@emits("STORE_ATTR")
def _e_store_attr(t, ins, d):
    name, o, v = t.q[ins.arg], S(d - 1), S(d - 2)
    sandbox = t.vm.sandbox
    da = t.bind(f"da_{ins.offset}", sandbox.delattr)
    sa = t.bind(f"sa_{ins.offset}", sandbox.attr_setter(name))
    t.emit(f"if {v} is NULL: {da}({o}, {t.const(name)})")  # `del o.name` stores NULL
    if is_plain_attr(name):
        t.emit(f"elif _type({o}) in _D: {o}.{name} = {v}")
    t.emit(f"else: {sa}({o}, {v})")


@emits("LOAD_METHOD")
def _e_load_method(t, ins, d):
    name, o = t.q[ins.arg], S(d - 1)
    t.emit(f"m_ = _gm({o}, {t.const(name)})")
    t.emit(f"if m_ is not None: {S(d)} = {o}; {o} = m_")
    t.emit(f"else: {o} = {t.getter(name)}({o}); {S(d)} = NULL")


@emits("LOAD_SUPER_METHOD")
def _e_load_super_method(t, ins, d):
    g = t.getter(t.q[ins.arg])
    t.emit(f"{S(d - 3)} = {g}(_super({S(d - 2)}, {S(d - 1)})); {S(d - 2)} = NULL")


@emits("LOAD_SUBSCR")
def _e_load_subscr(t, ins, d):
    t.emit(f"{S(d - 2)} = {S(d - 2)}[{S(d - 1)}]")


@emits("STORE_SUBSCR")
def _e_store_subscr(t, ins, d):
    v, o, i = S(d - 3), S(d - 2), S(d - 1)
    t.emit(f"if {v} is NULL: del {o}[{i}]")  # `del o[i]` stores NULL
    t.emit(f"else: {o}[{i}] = {v}")


@emits("DUP_TOP")
def _e_dup_top(t, ins, d):
    t.emit(f"{S(d)} = {S(d - 1)}")


@emits("DUP_TOP_TWO")
def _e_dup_top_two(t, ins, d):
    t.emit(f"{S(d)} = {S(d - 2)}; {S(d + 1)} = {S(d - 1)}")


@emits("POP_TOP")
def _e_pop_top(t, ins, d):
    pass  # the slot is simply not read again


@emits("SETUP_EXCEPT", "SETUP_FINALLY")
def _e_setup(t, ins, d):
    t.emit(f"xs.append([{ins.target}, {ins.info.name == 'SETUP_FINALLY'}, None])")


@emits("ROT_TWO")
def _e_rot_two(t, ins, d):
    t.emit(f"{S(d - 2)}, {S(d - 1)} = {S(d - 1)}, {S(d - 2)}")


@emits("ROT_THREE")
def _e_rot_three(t, ins, d):
    t.emit(f"{S(d - 3)}, {S(d - 2)}, {S(d - 1)} = {S(d - 1)}, {S(d - 3)}, {S(d - 2)}")


@emits("BUILD_TUPLE", "BUILD_LIST", "BUILD_SET")
def _e_build(t, ins, d):
    n, a = ins.info.name, ins.arg
    items = [S(k) for k in range(d - a, d)]
    if n == "BUILD_TUPLE":
        expr = _tuple(items)
    elif n == "BUILD_LIST":
        expr = f"[{', '.join(items)}]"
    else:
        expr = f"{{{', '.join(items)}}}" if items else "_set()"
    t.emit(f"{S(d - a)} = {expr}")


@emits("BUILD_MAP")
def _e_build_map(t, ins, d):
    t.emit(f"{S(d)} = {{}}")


@emits("STORE_MAP")
def _e_store_map(t, ins, d):
    t.emit(f"{S(d - 3)}[{S(d - 1)}] = {S(d - 2)}")


@emits("BUILD_SLICE")
def _e_build_slice(t, ins, d):
    a = ins.arg
    step = S(d - 1) if a == 3 else "None"
    t.emit(f"{S(d - a)} = _slice({S(d - a)}, {S(d - a + 1)}, {step})")


@emits("STORE_COMP")
def _e_store_comp(t, ins, d):
    kind, back = ins.arg & 3, ins.arg >> 2
    if kind == 0:
        t.emit(f"{S(d - 1 - back)}.append({S(d - 1)})")
    elif kind == 1:
        t.emit(f"{S(d - 1 - back)}[{S(d - 1)}] = {S(d - 2)}")
    else:
        t.emit(f"{S(d - 1 - back)}.add({S(d - 1)})")


@emits("UNPACK_SEQUENCE")
def _e_unpack(t, ins, d):
    a = ins.arg
    t.emit(f"u_ = {t.helper('unpack')}({S(d - 1)}, {a})")
    for j in range(a):
        t.emit(f"{S(d - 1 + j)} = u_[{a - 1 - j}]")


@emits("UNPACK_EX")
def _e_unpack_ex(t, ins, d):
    before, after = ins.arg & 0xFF, (ins.arg >> 8) & 0xFF
    t.emit(f"u_ = {t.helper('unpack_ex')}({S(d - 1)}, {before}, {after})")
    for j in range(before + after + 1):
        t.emit(f"{S(d - 1 + j)} = u_[{j}]")


@emits("BINARY_OP_MULTI")
def _e_binary(t, ins, d):
    x, y = S(d - 2), S(d - 1)
    if ins.arg in INPLACE:
        t.emit(f"{x} {INPLACE[ins.arg]} {y}")
    else:
        t.emit(f"{x} = {BINARY_EXPR[ins.arg].format(a=x, b=y)}")


@emits("UNARY_OP_MULTI")
def _e_unary(t, ins, d):
    t.emit(f"{S(d - 1)} = {UNARY_EXPR[ins.arg].format(a=S(d - 1))}")


@emits("CALL_FUNCTION", "CALL_METHOD")
def _e_call(t, ins, d):
    npos, nkw = ins.arg & 0xFF, (ins.arg >> 8) & 0xFF
    method = ins.info.name == "CALL_METHOD"
    base = d - npos - 2 * nkw - (2 if method else 1)
    fn = S(base)
    args = [S(k) for k in range(d - npos - 2 * nkw, d - 2 * nkw)]
    if nkw == 0:
        if not method:
            t.call(fn, args, fn)
            return
        self_ = S(base + 1)
        t.emit(f"if {self_} is NULL:")
        t.call(fn, args, fn, 5)
        t.emit("else:")
        t.call(fn, [self_] + args, fn, 5)
        return
    kws = [f"{S(k)}: {S(k + 1)}" for k in range(d - 2 * nkw, d, 2)]
    t.emit(f"kw_ = {{{', '.join(kws)}}}")
    call = t.helper("call")
    if method:
        self_ = S(base + 1)
        t.emit(f"{fn} = {call}({fn}, {_tuple(args)} if {self_} is NULL else "
               f"{_tuple([self_] + args)}, kw_)")
    else:
        t.emit(f"{fn} = {call}({fn}, {_tuple(args)}, kw_)")


@emits("CALL_FUNCTION_VAR_KW", "CALL_METHOD_VAR_KW")
def _e_call_var_kw(t, ins, d):
    npos, nkw = ins.arg & 0xFF, (ins.arg >> 8) & 0xFF
    method = ins.info.name == "CALL_METHOD_VAR_KW"
    items = [S(k) for k in range(d - 1 - npos - 2 * nkw, d - 1)]
    base = d - 1 - npos - 2 * nkw - (2 if method else 1)
    fn = S(base)
    t.emit(f"a_, kw_ = {t.helper('var_kw_args')}({_tuple(items)}, {npos}, {nkw}, {S(d - 1)})")
    if method:
        t.emit(f"if {S(base + 1)} is not NULL: a_.insert(0, {S(base + 1)})")
    t.emit(f"{fn} = {t.helper('call')}({fn}, _tuple(a_), kw_)")


@emits("JUMP")
def _e_jump(t, ins, d):
    t.goto(ins.target)


@emits("POP_JUMP_IF_TRUE", "POP_JUMP_IF_FALSE", "JUMP_IF_TRUE_OR_POP", "JUMP_IF_FALSE_OR_POP")
def _e_branch(t, ins, d):
    t.emit(f"if {'' if 'TRUE' in ins.info.name else 'not '}{S(d - 1)}:")
    t.goto(ins.target, 5)


@emits("RETURN_VALUE")
def _e_return(t, ins, d):
    if t.has_exc:
        t.emit("if xs:")
        t.unwind_return(S(d - 1), ins.offset + ins.size, 5)
    t.emit(f"return {S(d - 1)}")


@emits("RAISE_OBJ")
def _e_raise_obj(t, ins, d):
    t.emit(f"raise {t.helper('raise_obj')}({S(d - 1)})")


@emits("RAISE_FROM")
def _e_raise_from(t, ins, d):
    t.emit(f"raise {t.helper('raise_from')}({S(d - 2)}, {S(d - 1)})")


@emits("RAISE_LAST")
def _e_raise_last(t, ins, d):
    t.emit("for b_ in reversed(xs):")
    t.emit("if b_[2] is not None: raise b_[2]", 5)
    t.emit(f"raise {t.helper('no_reraise')}()")


@emits("GET_ITER")
def _e_get_iter(t, ins, d):
    t.emit(f"{S(d - 1)} = iter({S(d - 1)})")


@emits("GET_ITER_STACK")
def _e_get_iter_stack(t, ins, d):  # MicroPython's iter_buf layout: [NULL, iterator, -, -]
    t.emit(f"{S(d)} = iter({S(d - 1)}); {S(d - 1)} = NULL")


@emits("FOR_ITER")
def _e_for_iter(t, ins, d):
    t.emit("try:")
    t.emit(f"{S(d)} = next({S(d - 3)})", 5)
    t.emit("except StopIteration:")
    t.goto(ins.target, 5)


@emits("MAKE_FUNCTION", "MAKE_FUNCTION_DEFARGS", "MAKE_CLOSURE", "MAKE_CLOSURE_DEFARGS")
def _e_make_function(t, ins, d):
    n = ins.info.name
    child = t.bind(f"child{ins.arg}", t.code.child(ins.arg))
    if n == "MAKE_FUNCTION":
        t.emit(f"{S(d)} = Function({child}, G)")
    elif n == "MAKE_FUNCTION_DEFARGS":
        t.emit(f"{S(d - 2)} = Function({child}, G, {S(d - 2)}, {S(d - 1)})")
    else:
        m = ins.extra
        cells = _tuple([S(k) for k in range(d - m, d)])
        if n == "MAKE_CLOSURE":
            t.emit(f"{S(d - m)} = Function({child}, G, None, None, {cells})")
        else:
            t.emit(f"{S(d - m - 2)} = Function({child}, G, {S(d - m - 2)}, {S(d - m - 1)}, {cells})")


@emits("LOAD_BUILD_CLASS")
def _e_build_class(t, ins, d):
    t.emit(f"{S(d)} = _B['__build_class__']")  # the guest may override it


@emits("SETUP_WITH")
def _e_setup_with(t, ins, d):
    o = S(d - 1)
    t.emit(f"o_ = {o}")
    t.emit(f"{o} = _special(o_, '__exit__'); {S(d)} = NULL")
    t.emit(f"{S(d + 1)} = _special(o_, '__enter__')()")
    t.emit(f"xs.append([{ins.target}, True, None])")


@emits("POP_EXCEPT_JUMP")
def _e_pop_except_jump(t, ins, d):
    t.emit("xs.pop()")
    t.goto(ins.target)


@emits("WITH_CLEANUP")
def _e_with_cleanup(t, ins, d):
    ex, x = S(d - 3), S(d - 1)
    t.emit(f"x_ = {x}")
    t.emit(f"if x_ is None or _type(x_) is _Unwind: {ex}(None, None, None); {ex} = x_")
    t.emit(f"elif {ex}(_type(x_), x_, None): {ex} = None")
    t.emit(f"else: {ex} = x_")


@emits("END_FINALLY")
def _e_end_finally(t, ins, d):
    nxt = ins.offset + ins.size
    t.emit("xs.pop()")
    t.emit(f"x_ = {S(d - 1)}")
    t.emit("if x_ is not None:")
    t.emit("if _type(x_) is _Unwind:", 5)
    t.emit("if x_.value < 0:", 6)
    t.unwind_return("x_.payload", nxt, 7)
    t.unwind_jump("x_.value", "x_.payload", nxt, 6)
    t.emit("raise x_", 5)


@emits("UNWIND_JUMP")
def _e_unwind_jump(t, ins, d):
    t.unwind_jump(str(ins.extra), str(ins.target), ins.offset + ins.size, 4)


@emits("YIELD_VALUE")
def _e_yield(t, ins, d):  # a translated generator is a host generator
    t.emit(f"{S(d - 1)} = yield {S(d - 1)}")


@emits("YIELD_FROM")
def _e_yield_from(t, ins, d):
    t.emit(f"{S(d - 2)} = yield from {S(d - 2)}")


@emits("IMPORT_NAME")
def _e_import_name(t, ins, d):
    vm = t.bind("_vm", t.vm)
    t.emit(f"{S(d - 2)} = {t.helper('import_name')}({vm}, {t.const(t.q[ins.arg])}, G, "
           f"{S(d - 1)}, {S(d - 2)})")


@emits("IMPORT_FROM")
def _e_import_from(t, ins, d):
    f = t.bind("_import_from", t.vm.importer.import_from)
    t.emit(f"{S(d)} = {f}({S(d - 1)}, {t.const(t.q[ins.arg])})")


@emits("IMPORT_STAR")  # module code only: into its globals
def _e_import_star(t, ins, d):
    f = t.bind("_import_star", t.vm.importer.import_star)
    t.emit(f"{f}({S(d - 1)}, G)")


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


def is_plain_attr(name: str) -> bool:
    """A name that may stand as a literal `.name` in generated code (behind a type guard).

    Only ASCII identifiers: Python normalises other identifiers to NFKC when it compiles the
    generated source, so a fullwidth name would reach a different host attribute than the
    one checked here."""
    return (name.isascii() and name[:1] != "_" and name.isidentifier()
            and not keyword.iskeyword(name)
            and name not in DENIED_NAMES and name not in ("format", "format_map"))


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
