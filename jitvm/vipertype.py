"""Viper's static types over a function's bytecode, as MicroPython's native emitter sees them.

MicroPython compiles a ``@micropython.viper`` function with ``py/emitnative.c``, which keeps a
virtual stack of *vtypes* while the compiler emits code in source order: locals take the type
of their first store, small-int constants are machine words, ``int(x)``/``uint(x)``/
``ptr8(x)``... are casts resolved at compile time, and a type clash is a ``ViperTypeError``
raised when the module compiles. mpy-cross's bytecode for the same source is the same sequence
of emit calls, so one linear pass over it reproduces the emitter's types and errors.

:func:`type_function` returns, per instruction, a *plan* the viper translation
(``jitvm.vipertrans``) follows: which stack slots to convert to objects before the ordinary
tier-0 emitter runs, or the machine-word operation to emit instead.
"""

from __future__ import annotations

from mpy.opcodes import BINARY_OPS

from .opdefs import NO_FALLTHROUGH, stack_effect

OBJ, BOOL, INT, UINT, PTR, PTR8, PTR16, PTR32 = range(8)
NONE = 0x50 | PTR  # MicroPython's VTYPE_PTR_NONE: the constant None
UNBOUND = 0x60
CAST = 0x70  # a casting name (int, uint, ptr8...) waiting for its call

TYPE_NAMES = {OBJ: "object", BOOL: "bool", INT: "int", UINT: "uint", PTR: "ptr", PTR8: "ptr8",
              PTR16: "ptr16", PTR32: "ptr32"}
TYPES = {v: k for k, v in TYPE_NAMES.items()}
PTR_SIZE = {PTR8: 1, PTR16: 2, PTR32: 4}
WORDS = (INT, UINT)


def type_name(t: int) -> str:
    return TYPE_NAMES.get(t, "None")  # vtype_to_qstr's default


class ViperCompileError(Exception):
    """A compile-time error of viper code: the guest exception's class name, its message and
    where it was found (the function and its bytecode offset; None for no traceback)."""

    def __init__(self, kind: str, message: str, offset: int | None = None) -> None:
        super().__init__(f"{kind}: {message}")
        self.kind = kind
        self.message = message
        self.offset = offset
        self.code = None  # the raw code it belongs to, filled in by the caller


# the names of binary operators in MicroPython's messages (mp_binary_op_method_name)
_OP_NAMES = {
    "LESS": "__lt__", "MORE": "__gt__", "EQUAL": "__eq__", "LESS_EQUAL": "__le__",
    "MORE_EQUAL": "__ge__", "NOT_EQUAL": "__ne__", "ADD": "__add__", "SUBTRACT": "__sub__",
    "MULTIPLY": "__mul__", "MAT_MULTIPLY": "__matmul__", "FLOOR_DIVIDE": "__floordiv__",
    "TRUE_DIVIDE": "__truediv__", "MODULO": "__mod__", "POWER": "__pow__", "OR": "__or__",
    "XOR": "__xor__", "AND": "__and__", "LSHIFT": "__lshift__", "RSHIFT": "__rshift__",
}
_COMPARE = {"LESS": "<", "MORE": ">", "EQUAL": "==", "LESS_EQUAL": "<=", "MORE_EQUAL": ">=",
            "NOT_EQUAL": "!="}
_WORD_OPS = {"OR", "XOR", "AND", "LSHIFT", "RSHIFT", "ADD", "SUBTRACT", "MULTIPLY",
             "FLOOR_DIVIDE", "MODULO"}


_HANDLER_OPS = frozenset(("END_FINALLY", "WITH_CLEANUP", "POP_EXCEPT_JUMP", "SETUP_WITH",
                          "SETUP_EXCEPT", "SETUP_FINALLY", "UNWIND_JUMP"))


class Slot:
    """One virtual-stack entry: its vtype, whether it is still an immediate (a constant the
    emitter has not put in a register), and for a cast the type it casts to."""

    __slots__ = ("t", "imm", "cast")

    def __init__(self, t: int, imm: bool = False, cast: int | None = None) -> None:
        self.t = t
        self.imm = imm
        self.cast = cast

    def settled(self) -> "Slot":
        return self if not self.imm else Slot(self.t, False, self.cast)


_OBJ = Slot(OBJ)


class Typing:
    """The result of :func:`type_function`."""

    def __init__(self, arg_types, ret: int, local_types: list[int], plans: dict) -> None:
        self.arg_types = arg_types
        self.ret = ret
        self.local_types = local_types
        self.plans = plans  # offset -> plan tuple (see _Typer)


def small_int_range(bits: int) -> tuple[int, int]:
    """The constants MicroPython's parser keeps as small ints (the rest are objects)."""
    return -(1 << (bits - 2)), 1 << (bits - 2)


class _Typer:
    """One pass over the instructions in bytecode order (the emitter's order).

    Plans, by instruction offset:
    ``("obj", [(depth, Slot), ...])``: convert these stack slots to objects, then the ordinary
    emitter; ``("cast_name",)``; ``("cast", from, to, imm)``; ``("binop", name, lhs, rhs)``;
    ``("unop", name, t)``; ``("load", width)``; ``("store", width)``; ``("return", vt)``;
    ``("delete",)``.
    """

    def __init__(self, rc, qstrs: list[str], objs: list, arg_types: list[int], ret: int,
                 local_names: list[str], bits: int, analysis) -> None:
        self.rc = rc
        self.q = qstrs
        self.objs = objs
        self.ret = ret
        self.bits = bits
        self.names = local_names
        self.a = analysis
        p = rc.prelude
        n_state = p.n_state
        self.types = [UNBOUND] * n_state
        for i, t in enumerate(arg_types):
            self.types[i] = t
        self.arg_types = arg_types
        self.plans: dict = {}
        self.before: dict = {}  # offset -> the vtypes on the stack before the instruction
        self.error: ViperCompileError | None = None  # the last one wins, as in emitnative.c
        self.stack: list[Slot] = []

    # ---- errors ---------------------------------------------------------------------------
    def type_error(self, ins, msg: str) -> None:
        self.error = ViperCompileError("ViperTypeError", msg, ins.offset)

    @staticmethod
    def not_implemented(ins, msg: str):
        return ViperCompileError("NotImplementedError", msg, None)

    def local_name(self, n: int) -> str:
        return self.names[n] if n < len(self.names) else f"local{n}"

    # ---- the pass -------------------------------------------------------------------------
    def run(self) -> Typing:
        instrs = self.a.instrs
        targets = {i.target for i in instrs if i.target is not None}
        saved: dict[int, list[Slot]] = {}
        depth = self.a.depth
        falls = True
        for ins in instrs:
            off = ins.offset
            if off in targets:  # a label: the emitter settles its stack (no immediates)
                if not falls and off in saved:
                    self.stack = list(saved[off])
                self.stack = [s.settled() for s in self.stack]
            want = depth.get(off)
            if want is not None and want != len(self.stack):  # after a jump: the compiler's depth
                self.stack = (self.stack + [_OBJ] * want)[:want]
            self.before[off] = tuple(s.t for s in self.stack)
            self.instr(ins)
            name = ins.info.name
            if ins.target is not None and ins.target not in saved:
                keep = self.stack if name not in ("JUMP_IF_TRUE_OR_POP", "JUMP_IF_FALSE_OR_POP") \
                    else self.stack + [self._popped]
                saved[ins.target] = [s.settled() for s in keep]
            if ins.target is not None:  # a jump settles what stays on the stack
                self.stack = [s.settled() for s in self.stack]
            falls = name not in NO_FALLTHROUGH
        if self.error is not None:
            raise self.error
        t = Typing(self.arg_types, self.ret, self.types, self.plans)
        t.before = self.before
        return t

    _popped = _OBJ

    def push(self, s: Slot) -> None:
        self.stack.append(s)

    def pop(self) -> Slot:
        return self.stack.pop() if self.stack else _OBJ

    def peek(self, k: int = 0) -> Slot:
        return self.stack[-1 - k] if len(self.stack) > k else _OBJ

    def to_objects(self, ins, n: int) -> None:
        """The top ``n`` slots become objects (emit_get_stack_pointer_to_reg_for_pop)."""
        conv = []
        d = len(self.stack)
        for k in range(max(0, d - n), d):
            s = self.stack[k]
            if s.t == OBJ:
                continue
            if s.imm and s.t in (PTR, PTR8, PTR16, PTR32, CAST, UNBOUND):
                raise self.not_implemented(ins, "conversion to object")
            conv.append((k, s))
            self.stack[k] = _OBJ
        return conv

    def generic(self, ins) -> None:
        """An instruction on objects: its inputs become objects, its outputs are objects.
        The exception machinery's own values (the None or exception a finally handler
        starts with) are never words."""
        pops, pushes = stack_effect(ins)
        conv = [] if ins.info.name in _HANDLER_OPS else self.to_objects(ins, pops)
        if conv:
            self.plans[ins.offset] = ("obj", conv)
        for _ in range(pops):
            self.pop()
        for _ in range(pushes):
            self.push(_OBJ)

    def instr(self, ins) -> None:  # noqa: C901 - one case per opcode, as emitnative.c
        name = ins.info.name
        if name in ("LOAD_CONST_SMALL_INT", "LOAD_CONST_SMALL_INT_MULTI"):
            self.push(Slot(INT, True))
        elif name == "LOAD_CONST_OBJ":
            v = self.objs[ins.arg]
            lo, hi = small_int_range(self.bits)
            if type(v) is int and lo <= v < hi:  # a small int on the target: a word
                self.push(Slot(INT, True))
            else:
                self.push(_OBJ)
        elif name in ("LOAD_CONST_TRUE", "LOAD_CONST_FALSE"):
            self.push(Slot(BOOL, True))
        elif name == "LOAD_CONST_NONE":
            self.push(Slot(NONE, True))
        elif name in ("LOAD_FAST_N", "LOAD_FAST_MULTI"):
            t = self.types[ins.arg]
            if t == UNBOUND:
                self.type_error(ins, f"local '{self.local_name(ins.arg)}' used before type known")
            self.push(Slot(t, False, -1 if t == NONE else None))  # a None local reads as 0
        elif name in ("STORE_FAST_N", "STORE_FAST_MULTI"):
            self.store_local(ins, ins.arg, self.pop())
        elif name == "DELETE_FAST":  # MicroPython stores None in it
            self.store_local(ins, ins.arg, Slot(NONE, True))
            self.plans[ins.offset] = ("delete",)
        elif name == "LOAD_GLOBAL" and self.q[ins.arg] in TYPES and TYPES[self.q[ins.arg]] >= BOOL:
            self.push(Slot(CAST, True, TYPES[self.q[ins.arg]]))
            self.plans[ins.offset] = ("cast_name",)
        elif name in ("DUP_TOP",):
            s = self.peek()
            self.push(s)
        elif name == "DUP_TOP_TWO":
            a, b = self.peek(1), self.peek()
            self.push(a)
            self.push(b)
        elif name == "POP_TOP":
            self.pop()
        elif name == "ROT_TWO":
            b, a = self.pop(), self.pop()
            self.push(b)
            self.push(a)
        elif name == "ROT_THREE":
            c, b, a = self.pop(), self.pop(), self.pop()
            self.push(c)
            self.push(a)
            self.push(b)
        elif name == "UNARY_OP_MULTI":
            self.unary(ins)
        elif name == "BINARY_OP_MULTI":
            self.binary(ins)
        elif name == "LOAD_SUBSCR":
            self.load_subscr(ins)
        elif name == "STORE_SUBSCR":
            self.store_subscr(ins)
        elif name in ("CALL_FUNCTION",) and self.peek(ins.arg & 0xFF).t == CAST and ins.arg == 1:
            self.cast(ins)
        elif name in ("CALL_FUNCTION", "CALL_FUNCTION_VAR_KW") and self.peek(
                (ins.arg & 0xFF) + 2 * ((ins.arg >> 8) & 0xFF) + (name != "CALL_FUNCTION")).t == CAST:
            raise self.not_implemented(ins, "casting")
        elif name in ("POP_JUMP_IF_TRUE", "POP_JUMP_IF_FALSE", "JUMP_IF_TRUE_OR_POP",
                      "JUMP_IF_FALSE_OR_POP"):
            s = self.pop()
            self._popped = s
            if s.t != OBJ and s.t not in (BOOL, INT, UINT):
                self.type_error(ins, f"can't implicitly convert '{type_name(s.t)}' to 'bool'")
        elif name == "RETURN_VALUE":
            self.return_value(ins)
        elif name == "RAISE_OBJ":
            s = self.pop()
            if s.t != OBJ:
                self.type_error(ins, "must raise an object")
        elif name in ("RAISE_LAST", "RAISE_FROM"):
            raise self.not_implemented(ins, "native raise")
        elif name in ("YIELD_VALUE", "YIELD_FROM"):
            raise self.not_implemented(ins, "native yield")
        else:
            self.generic(ins)

    def store_local(self, ins, n: int, s: Slot) -> None:
        t = s.t
        have = self.types[n]
        if have == UNBOUND:
            self.types[n] = t
        elif have != t:
            self.type_error(ins, f"local '{self.local_name(n)}' has type '{type_name(have)}' "
                                 f"but source is '{type_name(t)}'")

    def unary(self, ins) -> None:
        s = self.peek()
        op = ("POSITIVE", "NEGATIVE", "INVERT", "NOT")[ins.arg]
        if s.t in WORDS:
            if op == "NOT":
                self.type_error(ins, "'not' not implemented")
                return
            self.pop()
            self.push(Slot(s.t))
            self.plans[ins.offset] = ("unop", op, s.t)
        elif s.t == OBJ:
            self.generic(ins)
        else:
            self.type_error(ins, f"can't do unary op of '{type_name(s.t)}'")

    def binary(self, ins) -> None:
        lhs, rhs = self.peek(1), self.peek()
        op = BINARY_OPS[ins.arg]
        if lhs.t in WORDS and rhs.t in WORDS:
            if op.startswith("INPLACE_"):
                op = op[8:]
            self.pop()
            self.pop()
            if op in ("FLOOR_DIVIDE", "MODULO"):
                if lhs.t != INT:
                    self.type_error(ins, "div/mod not implemented for uint")
                self.push(Slot(INT))
                self.plans[ins.offset] = ("binop", op, INT, rhs.t)
            elif op in _COMPARE:
                if lhs.t != rhs.t:
                    self.type_error(ins, "comparison of int and uint")
                self.push(Slot(BOOL))
                self.plans[ins.offset] = ("binop", op, lhs.t, rhs.t)
            elif op in _WORD_OPS:
                self.push(Slot(lhs.t))
                self.plans[ins.offset] = ("binop", op, lhs.t, rhs.t)
            else:
                self.push(Slot(lhs.t))  # adjust_stack(emit, 1): the lhs slot again
                self.type_error(ins, f"binary op {_OP_NAMES.get(op, '')} not implemented")
        elif lhs.t == OBJ and rhs.t == OBJ:
            self.generic(ins)
        else:
            self.pop()  # adjust_stack(emit, -1): the lhs stays
            self.type_error(ins, f"can't do binary op between '{type_name(lhs.t)}' and "
                                 f"'{type_name(rhs.t)}'")

    def load_subscr(self, ins) -> None:
        base, index = self.peek(1), self.peek()
        if base.t == OBJ:
            self.generic(ins)
            return
        self.pop()
        self.pop()
        if not (index.t == INT and index.imm) and index.t not in WORDS:
            self.type_error(ins, f"can't load with '{type_name(index.t)}' index")
        if base.t not in PTR_SIZE:
            self.type_error(ins, f"can't load from '{type_name(base.t)}'")
        self.push(Slot(INT))
        self.plans[ins.offset] = ("load", PTR_SIZE.get(base.t, 1))

    def store_subscr(self, ins) -> None:
        index, base, value = self.peek(), self.peek(1), self.peek(2)
        if base.t == OBJ:
            self.generic(ins)
            return
        for _ in range(3):
            self.pop()
        if not (index.t == INT and index.imm):
            if index.t not in WORDS:
                self.type_error(ins, f"can't store with '{type_name(index.t)}' index")
        if value.t not in (BOOL, INT, UINT):
            self.type_error(ins, f"can't store '{type_name(value.t)}'")
        if base.t not in PTR_SIZE:
            self.type_error(ins, f"can't store to '{type_name(base.t)}'")
        self.plans[ins.offset] = ("store", PTR_SIZE.get(base.t, 1))

    def cast(self, ins) -> None:
        arg = self.pop()
        marker = self.pop()
        to = marker.cast
        if arg.t == OBJ:
            self.push(Slot(to))
            self.plans[ins.offset] = ("cast", OBJ, to, False)
        elif arg.t in (BOOL, INT, UINT, PTR, PTR8, PTR16, PTR32, NONE):
            self.push(Slot(to, arg.imm))
            self.plans[ins.offset] = ("cast", arg.t, to, arg.imm)
        else:
            raise self.not_implemented(ins, "casting")

    def return_value(self, ins) -> None:
        s = self.pop()
        if s.t == NONE:
            self.plans[ins.offset] = ("return", NONE)
            return
        if s.t != self.ret:
            self.type_error(ins, f"return expected '{type_name(self.ret)}' but got "
                                 f"'{type_name(s.t)}'")
        self.plans[ins.offset] = ("return", s.t)


def type_function(rc, qstrs: list[str], objs: list, arg_types: list[int], ret: int,
                  local_names: list[str], bits: int, analysis) -> Typing:
    """The viper types and plans of one function; raises ViperCompileError."""
    return _Typer(rc, qstrs, objs, arg_types, ret, local_names, bits, analysis).run()
