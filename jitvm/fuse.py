"""Tier 0 speed-up: straight-line runs of simple instructions become one generated function.

A run starts at a jump target (or after a block-ending instruction) and ends at a jump, a
conditional jump or the first instruction that needs the frame's exception machinery.
Within a run, stack slots live in Python locals; the run returns the next bytecode offset
just like a single op, so frames stay consistent at every run boundary. The per-instruction
closures stay in place for every offset, so execution can still enter or leave a function
at any instruction boundary. If an instruction in a run raises, the generated function's
line number tells which one (see ``pc_of_exception``), so tracebacks and handlers see the
exact instruction.
"""

from __future__ import annotations

import operator

from .gexc import GUEST_EXC
from .objects import NULL, Function
from .ops_flow import _unwind_return

# binary op index -> Python expression template (a, b are the operands)
_BIN_EXPR = {
    0: "{a} < {b}", 1: "{a} > {b}", 2: "{a} == {b}", 3: "{a} <= {b}", 4: "{a} >= {b}",
    5: "{a} != {b}", 6: "{a} in {b}", 7: "{a} is {b}",
    22: "{a} | {b}", 23: "{a} ^ {b}", 24: "{a} & {b}", 25: "{a} << {b}", 26: "{a} >> {b}",
    27: "{a} + {b}", 28: "{a} - {b}", 29: "{a} * {b}", 30: "{a} @ {b}", 31: "{a} // {b}",
    32: "{a} / {b}", 33: "{a} % {b}", 34: "{a} ** {b}",
}
_INPLACE = {9: "|=", 10: "^=", 11: "&=", 12: "<<=", 13: ">>=", 14: "+=", 15: "-=", 16: "*=",
            17: "@=", 18: "//=", 19: "/=", 20: "%=", 21: "**="}
_UNARY_EXPR = {0: "+{a}", 1: "-{a}", 2: "~{a}", 3: "not {a}"}

SIMPLE = frozenset("""
LOAD_CONST_SMALL_INT LOAD_CONST_SMALL_INT_MULTI LOAD_CONST_STRING LOAD_CONST_OBJ LOAD_CONST_NONE
LOAD_CONST_TRUE LOAD_CONST_FALSE LOAD_NULL LOAD_FAST_N LOAD_FAST_MULTI STORE_FAST_N STORE_FAST_MULTI
LOAD_DEREF STORE_DEREF LOAD_GLOBAL LOAD_NAME STORE_NAME STORE_GLOBAL LOAD_ATTR STORE_ATTR LOAD_METHOD
LOAD_SUBSCR STORE_SUBSCR DUP_TOP DUP_TOP_TWO POP_TOP ROT_TWO ROT_THREE BUILD_TUPLE BUILD_LIST
BUILD_MAP STORE_MAP BUILD_SET BUILD_SLICE BINARY_OP_MULTI UNARY_OP_MULTI CALL_FUNCTION CALL_METHOD
UNPACK_SEQUENCE
""".split())
ENDS = frozenset("JUMP POP_JUMP_IF_TRUE POP_JUMP_IF_FALSE RETURN_VALUE".split())
MIN_RUN = 3  # shorter runs gain nothing over the closures


class _Gen:
    """Emits the body of one run function, tracking a symbolic value stack."""

    def __init__(self, code) -> None:
        self.code = code
        self.lines: list[str] = []
        self.line_pc: list[int] = []  # generated line number (1-based, minus header) -> pc
        self.stack: list[str] = []  # expressions (temps or constants)
        self.n_tmp = 0
        self.consts: dict[str, object] = {}
        self.pc = 0

    def emit(self, text: str) -> None:
        self.lines.append("    " + text)
        self.line_pc.append(self.pc)

    def tmp(self) -> str:
        self.n_tmp += 1
        return f"t{self.n_tmp}"

    def const(self, value) -> str:
        if value is None or value is True or value is False:
            return repr(value)
        if type(value) is int and -(2 ** 62) < value < 2 ** 62:
            return f"({value!r})"
        name = f"k{len(self.consts)}"
        self.consts[name] = value
        return name

    def push_expr(self, expr: str) -> None:
        t = self.tmp()
        self.emit(f"{t} = {expr}")
        self.stack.append(t)

    def pop(self) -> str:
        if self.stack:
            return self.stack.pop()
        t = self.tmp()
        self.emit(f"{t} = s.pop()")
        return t

    def pops(self, n: int) -> list[str]:
        """n operands, deepest first."""
        got = [self.pop() for _ in range(n)]
        got.reverse()
        return got

    def flush(self) -> None:
        if len(self.stack) == 1:
            self.emit(f"s.append({self.stack[0]})")
        elif self.stack:
            self.emit(f"s.extend(({', '.join(self.stack)},))")
        self.stack = []


def compile_runs(code) -> dict[int, object]:
    """Generate the fused function of every run in ``code``; {start pc: function}."""
    instrs = code.rc.instructions
    targets = {i.target for i in instrs if i.target is not None}
    runs: list[list] = []
    cur: list = []
    for ins in instrs:
        name = ins.info.name
        if ins.offset in targets and cur:
            runs.append(cur)
            cur = []
        if name in SIMPLE and not (name == "BINARY_OP_MULTI" and ins.arg == 8):
            cur.append(ins)
        elif name in ENDS or (name == "FOR_ITER" and not cur):
            cur.append(ins)
            runs.append(cur)
            cur = []
        else:
            if cur:
                runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    out: dict[int, object] = {}
    code.fused_lines = {}
    for run in runs:
        if len(run) < MIN_RUN and not (len(run) > 1 and (run[0].info.name == "FOR_ITER" or
                                                          run[-1].info.name == "RETURN_VALUE")):
            continue
        try:
            fn, line_pc = _compile_run(code, run)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue  # a run the generator cannot express stays on the per-instruction closures
        out[run[0].offset] = fn
        code.fused_lines[fn.__code__] = line_pc
    return out


def _compile_run(code, run):
    g = _Gen(code)
    vm = code.vm
    ctx = code.ctx
    q = ctx.qstr_text
    ns = {"NULL": NULL, "Function": Function, "_local_error": _local_error, "_name_error": _name_error,
          "_builtins": vm.builtins, "_code": code, "_unpack": _unpack, "_ga_fail": _ga_fail,
          "_tuple": tuple, "_type": type, "_slice": slice, "_set": set, "_meth": _load_method,
          "_unwind_return": _unwind_return, "_osr": _osr}
    end_pc = run[-1].offset + run[-1].size
    returned = False
    for ins in run:
        g.pc = ins.offset
        name = ins.info.name
        nxt = ins.offset + ins.size
        a = ins.arg
        if name in ("LOAD_CONST_SMALL_INT", "LOAD_CONST_SMALL_INT_MULTI"):
            g.stack.append(g.const(a))
        elif name == "LOAD_CONST_STRING":
            g.stack.append(g.const(q[a]))
        elif name == "LOAD_CONST_OBJ":
            g.stack.append(g.const(ctx.objs[a]))
        elif name == "LOAD_CONST_NONE":
            g.stack.append("None")
        elif name == "LOAD_CONST_TRUE":
            g.stack.append("True")
        elif name == "LOAD_CONST_FALSE":
            g.stack.append("False")
        elif name == "LOAD_NULL":
            g.stack.append("NULL")
        elif name in ("LOAD_FAST_N", "LOAD_FAST_MULTI"):
            t = g.tmp()
            g.emit(f"{t} = fast[{a}]")
            g.emit(f"if {t} is NULL: raise _local_error()")
            g.stack.append(t)
        elif name in ("STORE_FAST_N", "STORE_FAST_MULTI"):
            g.emit(f"fast[{a}] = {g.pop()}")
        elif name == "LOAD_DEREF":
            t = g.tmp()
            g.emit(f"{t} = fast[{a}].value")
            g.emit(f"if {t} is NULL: raise _local_error()")
            g.stack.append(t)
        elif name == "STORE_DEREF":
            g.emit(f"fast[{a}].value = {g.pop()}")
        elif name == "LOAD_GLOBAL":
            t = g.tmp()
            k = g.const(q[a])
            g.emit(f"{t} = f.globals.get({k}, NULL)")
            g.emit(f"if {t} is NULL: {t} = _builtins.get({k}, NULL)")
            g.emit(f"if {t} is NULL: raise _name_error({k})")
            g.stack.append(t)
        elif name in ("LOAD_NAME", "STORE_NAME", "STORE_GLOBAL", "LOAD_ATTR", "STORE_ATTR",
                      "LOAD_METHOD", "BUILD_SLICE"):
            _via_closure(g, code, ins, ns)
        elif name == "LOAD_SUBSCR":
            i = g.pop()
            o = g.pop()
            g.push_expr(f"{o}[{i}]")
        elif name == "STORE_SUBSCR":
            i, o, v = g.pop(), g.pop(), g.pop()
            if v == "NULL":
                g.emit(f"del {o}[{i}]")
            elif v.startswith("t"):  # a computed value might be the NULL that means `del`
                g.emit(f"if {v} is NULL: del {o}[{i}]")
                g.emit(f"else: {o}[{i}] = {v}")
            else:
                g.emit(f"{o}[{i}] = {v}")
        elif name == "DUP_TOP":
            t = g.pop()
            g.stack += [t, t]
        elif name == "DUP_TOP_TWO":
            x, y = g.pops(2)
            g.stack += [x, y, x, y]
        elif name == "POP_TOP":
            g.pop()
        elif name == "ROT_TWO":
            x, y = g.pops(2)
            g.stack += [y, x]
        elif name == "ROT_THREE":
            x, y, z = g.pops(3)
            g.stack += [z, x, y]
        elif name == "BUILD_TUPLE":
            items = g.pops(a)
            g.push_expr(f"({', '.join(items)}{',' if len(items) == 1 else ''})")
        elif name == "BUILD_LIST":
            g.push_expr(f"[{', '.join(g.pops(a))}]")
        elif name == "BUILD_SET":
            items = g.pops(a)
            g.push_expr(f"{{{', '.join(items)}}}" if items else "_set()")
        elif name == "BUILD_MAP":
            g.push_expr("{}")
        elif name == "STORE_MAP":
            k, v = g.pop(), g.pop()
            d = g.pop()
            g.emit(f"{d}[{k}] = {v}")
            g.stack.append(d)
        elif name == "BINARY_OP_MULTI":
            y = g.pop()
            x = g.pop()
            if a in _INPLACE:
                t = g.tmp()
                g.emit(f"{t} = {x}")
                g.emit(f"{t} {_INPLACE[a]} {y}")
                g.stack.append(t)
            else:
                g.push_expr(_BIN_EXPR[a].format(a=x, b=y))
        elif name == "UNARY_OP_MULTI":
            g.push_expr(_UNARY_EXPR[a].format(a=g.pop()))
        elif name == "CALL_FUNCTION" and (a >> 8) == 0:
            args = g.pops(a & 0xFF)
            fn = g.pop()
            t = g.tmp()
            tup = f"({', '.join(args)}{',' if len(args) == 1 else ''})"
            g.emit(f"if _type({fn}) is Function: {t} = {fn}.code.invoke({fn}, {tup}, None)")
            g.emit(f"else: {t} = {fn}({', '.join(args)})")
            g.stack.append(t)
        elif name == "CALL_METHOD" and (a >> 8) == 0:
            args = g.pops(a & 0xFF)
            self_ = g.pop()
            fn = g.pop()
            t = g.tmp()
            with_self = f"({', '.join([self_] + args)},)"
            g.emit(f"if {self_} is NULL:")
            g.emit(f"    if _type({fn}) is Function: {t} = {fn}.code.invoke({fn}, "
                   f"({', '.join(args)}{',' if len(args) == 1 else ''}), None)")
            g.emit(f"    else: {t} = {fn}({', '.join(args)})")
            g.emit(f"elif _type({fn}) is Function: {t} = {fn}.code.invoke({fn}, {with_self}, None)")
            g.emit(f"else: {t} = {fn}({', '.join([self_] + args)})")
            g.stack.append(t)
        elif name in ("CALL_FUNCTION", "CALL_METHOD"):
            _via_closure(g, code, ins, ns)
        elif name == "UNPACK_SEQUENCE":
            seq = g.pop()
            t = g.tmp()
            g.emit(f"{t} = _unpack({seq}, {a})")
            for j in range(a - 1, -1, -1):
                g.stack.append(f"{t}[{j}]")
            # materialise so later stores cannot change what was unpacked
            mats = []
            for _ in range(a):
                mats.append(g.stack.pop())
            for e in reversed(mats):
                g.push_expr(e)
        elif name == "FOR_ITER":
            t = g.tmp()
            g.emit("try:")
            g.emit(f"    {t} = next(s[-3])")
            g.emit("except StopIteration:")
            g.emit("    del s[-4:]")
            g.emit(f"    return {ins.target}")
            g.stack.append(t)
        elif name == "JUMP":
            g.flush()
            if ins.target < nxt:
                g.emit("_code.backjumps += 1")
                g.emit("if _code.translated is not None and f.locals is None and not f.exc:")
                g.emit(f"    return _osr(_code, f, {ins.target})")
            g.emit(f"return {ins.target}")
            returned = True
        elif name == "RETURN_VALUE":
            v = g.pop()
            g.flush()
            g.emit("if f.exc:")
            g.emit(f"    s.append({v})")
            g.emit(f"    return _unwind_return(f, s, {nxt})")
            g.emit(f"f.retval = {v}")
            g.emit("return -1")
            returned = True
        elif name in ("POP_JUMP_IF_TRUE", "POP_JUMP_IF_FALSE"):
            cond = g.pop()
            g.flush()
            jump_if = name == "POP_JUMP_IF_TRUE"
            g.emit(f"if {'' if jump_if else 'not '}{cond}:")
            if ins.target < nxt:
                g.emit("    _code.backjumps += 1")
                g.emit("    if _code.translated is not None and f.locals is None and not f.exc:")
                g.emit(f"        return _osr(_code, f, {ins.target})")
            g.emit(f"    return {ins.target}")
            g.emit(f"return {nxt}")
            returned = True
        else:  # pragma: no cover - SIMPLE and the branches above agree
            raise AssertionError(name)
    if not returned:
        g.flush()
        g.emit(f"return {end_pc}")
    ns.update(g.consts)
    header = "def run(s, fast, f):"
    src = header + "\n" + "\n".join(g.lines) + "\n"
    exec(compile(src, f"<jitvm run@{run[0].offset}>", "exec"), ns)
    fn = ns["run"]
    return fn, [run[0].offset] + g.line_pc  # index = line number - 1


def _via_closure(g: _Gen, code, ins, ns: dict) -> None:
    """Run one instruction through its ordinary closure, with the stack made real."""
    g.flush()
    name = f"op{ins.offset}"
    ns[name] = code.ops[ins.offset]
    g.emit(f"{name}(s, fast, f)")
    n_out = {"LOAD_NAME": 1, "LOAD_ATTR": 1, "LOAD_METHOD": 2, "BUILD_SLICE": 1, "CALL_FUNCTION": 1,
             "CALL_METHOD": 1}.get(ins.info.name, 0)
    for _ in range(n_out):
        pass  # results stay on the real stack; later pops read them from there


def _osr(code, f, target):
    from .translate import enter_translated

    return enter_translated(code, f, target)


def _local_error():
    return GUEST_EXC["NameError"]("local variable referenced before assignment")


def _name_error(name):
    return GUEST_EXC["NameError"](f"name '{name}' isn't defined")


def _unpack(seq, n):
    items = seq if type(seq) in (list, tuple) else list(seq)
    if len(items) != n:
        if len(items) > n:
            raise GUEST_EXC["ValueError"](f"too many values to unpack (expected {n})")
        raise GUEST_EXC["ValueError"](f"need more than {len(items)} values to unpack")
    return items


def _ga_fail(*a):
    raise AssertionError("unused")


def _load_method(*a):
    raise AssertionError("unused")


def pc_of_exception(code, tb) -> int | None:
    """The offset of the instruction that raised inside a fused run, from the traceback.

    ``tb`` starts at the dispatch loop's frame; only the function it called directly counts
    (an exception object re-raised later carries older entries further down the chain).
    """
    if tb is None or tb.tb_next is None:
        return None
    tb = tb.tb_next
    lines = code.fused_lines.get(tb.tb_frame.f_code)
    if lines is None:
        return None
    i = tb.tb_lineno - 1
    return lines[i] if 0 <= i < len(lines) else lines[0]


_ = operator
