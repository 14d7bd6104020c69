"""Forward type inference for tier 1, over ``jitvm.analysis`` blocks.

From the exact types of the arguments seen at the call that triggers compilation, every
local and every value-stack slot gets one type at every instruction: unboxed ``int`` (i64,
overflow deoptimises), ``float`` (double), ``bool`` (i1), or one of the few object kinds the
lowering handles (an owned reference from a call or a global, None, jitvm's NULL marker,
the speculated builtin ``range`` and the three words of a range iterator). Anything outside
this subset makes the whole function stay in tier 0: ``NotCompilable`` carries the reason
(shown by ``--jit-log``). The rules follow CPython's (which tier 0 runs): int op int -> int,
int/float mixing -> float, ``/`` -> float, comparisons -> bool, bool op bool -> int except
``& | ^`` which keep bool.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .subset import REFUSED, TYPED_OPS, static_refusal  # noqa: F401 - re-exported

INT, FLOAT, BOOL = "int", "float", "bool"
NONE = "none"  # the constant None
OBJ = "obj"  # an owned reference to any object: a call's result, a global's value
NUL = "null"  # jitvm's NULL marker, as GET_ITER_STACK and LOAD_NULL leave in a slot
RANGE = "range"  # the global `range`, speculated to be the builtin (guarded at run time)
RANGE_ARGS = "range()"  # range(start, stop, step) just called; GET_ITER_STACK comes next
IT_CUR, IT_STOP, IT_STEP = "it.cur", "it.stop", "it.step"  # a range iterator's 3 words
IT_IDX = "it.idx"  # a list or tuple iterator: [NUL, the sequence, IT_IDX, NUL]
LEN = "len"  # the global `len`, speculated to be the builtin (guarded at run time)
BYTEARRAY = "bytearray"
BYTES = "bytes"
BYTE_STRINGS = (BYTEARRAY, BYTES)  # items are ints 0..255
NUMBERS = (INT, FLOAT, BOOL)
BOXABLE = (INT, FLOAT, BOOL, NONE, OBJ)  # what may be passed to a call or returned
I64_MIN, I64_MAX = -(1 << 63), (1 << 63) - 1
ELEMENT_SAMPLE = 8  # items of a list or tuple looked at to speculate their common type

# References: OBJ (any object), "list[E]" and "tuple[E]" (an exact list or tuple whose items
# are speculated to be of type E: every load checks), BYTEARRAY. All are owned references at
# run time; joining two different ones gives OBJ.


LIST_APPEND = "list.append"  # a list's append method (a constant; the list is its self)
MODULE = "mod:"  # "mod:NAME": the module global NAME holds (guarded identity), a reference
MATHFN = "math."  # "math.sqrt": the guest math module's function (a constant: no storage)
# math functions compiled inline: float -> float, the C library's result (as the module's);
# a result MicroPython calls a domain error deoptimises (tier 0 raises it)
MATH_FUNCTIONS = ("sqrt", "sin", "cos", "tan", "atan", "exp", "log", "fabs")


def is_ref(t) -> bool:
    return t == OBJ or t in BYTE_STRINGS or (type(t) is str and (t.endswith("]")
                                                                 or t.startswith(MODULE)))


def boxable(t) -> bool:
    return t in BOXABLE or is_ref(t)


def container(t) -> tuple:
    """(kind, element type) of a list/tuple type, else (None, None)."""
    if type(t) is str and t.endswith("]"):
        kind, _, rest = t.partition("[")
        return kind, rest[:-1]
    return None, None


def join(a, b):
    """The type of a local or slot that is ``a`` on one path and ``b`` on another (None if
    they cannot share one storage)."""
    if a == b:
        return a
    if is_ref(a) and is_ref(b):
        return OBJ
    return None

# BINARY_OP_MULTI indices (mpy.opcodes.BINARY_OPS): comparisons, then in-place forms which
# behave as the plain ones on ints and floats (immutable), then the plain ones
CMP_OPS = range(6)
INPLACE_SHIFT = 13  # INPLACE_OR (9) + 13 = OR (22)
OR, XOR, AND, LSHIFT, RSHIFT, ADD, SUB, MUL, MATMUL, FLOORDIV, TRUEDIV, MOD, POW = range(22, 35)
BITWISE = (OR, XOR, AND)

# builtins that find their caller's guest frame (jitvm.execute.Executor.guest_frames): compiled
# code has no frame to find, so a function naming one stays in tier 0
FRAME_BUILTINS = frozenset(("globals", "locals", "dir", "vars", "eval", "exec"))



# calls of these globals (when they are the builtins: checked after the call, like every
# speculated result) give an exact object of this type
BUILTIN_RESULTS = {"bytearray": BYTEARRAY, "list": "list[obj]", "tuple": "tuple[obj]"}


def _is_module(v) -> bool:
    """A guest module (jitvm's GuestModule, or a host module object)."""
    from jitvm.objects import BuiltinModule, GuestModule

    return type(v) is GuestModule or type(v) is BuiltinModule or type(v) is type(__import__("sys"))


def _module_name(mod) -> str | None:
    """The name of a guest module (jitvm's own modules: jitvm.modules.NAME), else None."""
    spec = getattr(mod, "__name__", None)
    return spec if type(spec) is str and mod.__dict__.get("__name__") == spec else None


def _math_function(name: str):
    from jitvm.modules import math

    return getattr(math, name, None)


class NotCompilable(Exception):
    """The function uses something outside tier 1's typed subset (the message says what)."""


class _Widen(Exception):
    """A local has different types on two paths: type again with it boxed (an object)."""


class _Pending(Exception):
    """A local read on a path where the fixpoint has not typed it yet."""


@dataclass
class CallSite:
    """A CALL_FUNCTION the lowering handles: `range(...)` or a call of a global."""

    kind: str  # "range" or "call"
    nargs: int
    name: str | None = None  # the global called
    is_self: bool = False  # the global has this function's own name (direct call if so)
    result: str = OBJ  # the speculated result type (unboxed after a type check)


@dataclass
class Types:
    """The result of inference: the state before every reachable instruction."""

    entry: tuple  # parameter types
    n_locals: int
    before: dict = field(default_factory=dict)  # offset -> (locals tuple, stack tuple)
    calls: dict = field(default_factory=dict)  # offset -> CallSite
    returns: set = field(default_factory=set)  # types returned
    maybe_unbound: set = field(default_factory=set)  # locals read where not surely bound
    self_ret: str = OBJ
    tuples: int = 0  # the most items a BUILD_TUPLE takes
    globals_typed: dict = field(default_factory=dict)  # offset -> container type of a global
    attrs: dict = field(default_factory=dict)  # offset -> (module global, attribute, type)
    start: int = 0  # where the code is entered: 0, or a loop header (on-stack replacement)
    entry_stack: tuple = ()  # the value stack's types there (on-stack replacement)
    boxed: frozenset = frozenset()  # locals of several types: always an object reference
    generic_items: set = field(default_factory=set)  # subscripts through the C API
    generic_methods: set = field(default_factory=set)  # LOAD_METHODs through the sandbox
    generic_iters: set = field(default_factory=set)  # GET_ITER_STACKs of any iterable

    @property
    def params(self) -> list:
        """The body's parameters: (kind, index, type) for each bound local ("l") and each
        value-stack slot that is not a constant ("s") where the code is entered."""
        out = [("l", k, t) for k, t in enumerate(self.entry) if t is not None]
        out += [("s", d, t) for d, t in enumerate(self.entry_stack) if t not in (NUL, NONE)]
        return out

    @property
    def ret(self) -> str:
        """The single type every return has, else OBJ."""
        return next(iter(self.returns)) if len(self.returns) == 1 else OBJ

    def describe(self, code=None) -> str:
        names = getattr(code, "arg_names", [])
        params = ", ".join(f"{names[i] if i < len(names) else f'l{i}'}: {t}"
                           for i, t in enumerate(self.entry))
        return f"({params}) -> {'|'.join(sorted(self.returns)) or '?'}"


def type_of_value(v, depth: int = 2) -> str | None:
    """The tier-1 type of a value (exact types; a list's or tuple's items speculated from
    the first few), or None for an int beyond 64 bits."""
    t = type(v)
    if t is int:
        return INT if I64_MIN <= v <= I64_MAX else None
    if t is float:
        return FLOAT
    if t is bool:
        return BOOL
    if t is bytearray:
        return BYTEARRAY
    if t is bytes:
        return BYTES
    if t is list or t is tuple:
        elem = OBJ
        if depth > 0 and v:
            kinds = {type_of_value(x, depth - 1) for x in v[:ELEMENT_SAMPLE]}
            if len(kinds) == 1 and None not in kinds:
                elem = kinds.pop()
        return f"{t.__name__}[{elem}]"
    return OBJ


def type_of_number(v) -> str | None:
    """The tier-1 type of a number (int within 64 bits, float, bool), else None."""
    t = type_of_value(v, 0)
    return t if t in NUMBERS else None


def check_shape(code, analysis) -> None:
    """Refuse functions whose frames tier 1 does not build (reason in the exception)."""
    if code.is_generator:
        raise NotCompilable(REFUSED["generator"])
    if code.cells or analysis.cells:
        raise NotCompilable(REFUSED["cells"])
    for flag, key in ((code.varargs, "varargs"), (code.varkw, "varkw"), (code.n_kwonly, "kwonly")):
        if flag:
            raise NotCompilable(REFUSED[key])
    if analysis.handlers:
        raise NotCompilable("exception handlers (try/with)")


IS, IN, EXC_MATCH = 7, 6, 8


def binary_result(op: int, a: str, b: str) -> str:
    """The type of ``a <op> b`` for BINARY_OP_MULTI index ``op``, or NotCompilable. An
    operand that is no number makes it an object operation (the C API's, as tier 0's
    operators; ``is`` compares references only)."""
    if a not in NUMBERS or b not in NUMBERS:
        if not boxable(a) or not boxable(b) or op == EXC_MATCH:
            raise NotCompilable(f"binary op {op} on {a} and {b}")
        if op == IS:
            if (a in NUMBERS or b in NUMBERS) and NONE not in (a, b):
                raise NotCompilable(f"`is` on {a} and {b}")  # a boxed number is a new object
            return BOOL  # (a number `is` None: False)
        return BOOL if op == IN else OBJ
    if op in CMP_OPS:
        return BOOL
    if op in (IN, IS):
        raise NotCompilable(f"binary op {op} on numbers")
    if 9 <= op <= 21:
        op += INPLACE_SHIFT
    if op < OR or op == MATMUL:
        raise NotCompilable(f"binary op {op}")
    has_float = FLOAT in (a, b)
    if op in BITWISE or op in (LSHIFT, RSHIFT):
        if has_float:
            raise NotCompilable("bitwise op on a float")
        return BOOL if op in BITWISE and a == b == BOOL else INT
    if op == TRUEDIV:
        return FLOAT
    return FLOAT if has_float else INT


def unary_result(op: int, a: str) -> str:
    if a not in NUMBERS:
        if not boxable(a) or op > 3:
            raise NotCompilable(f"unary op on {a}")
        return BOOL if op == 3 else OBJ
    if op == 3:  # not
        return BOOL
    if op == 2 and a == FLOAT:
        raise NotCompilable("~ on a float")
    return FLOAT if a == FLOAT else INT


class _Typer:
    def __init__(self, code, analysis, entry: tuple, self_ret: str, predict, start: int = 0,
                 stack: tuple = (), globals0=None, boxed: frozenset = frozenset()) -> None:
        self.globals0 = globals0
        self.boxed = boxed
        self.code = code
        self.a = analysis
        self.q = code.ctx.qstr_text
        self.objs = code.ctx.objs
        self.self_ret = self_ret
        self.predict = predict
        n = max([analysis.n_params] + [i.arg + 1 for i in analysis.instrs
                                        if i.info.name.startswith(("LOAD_FAST", "STORE_FAST"))])
        entry = tuple(OBJ if k in boxed and t is not None else t for k, t in enumerate(entry))
        self.out = Types(entry=entry, n_locals=n, self_ret=self_ret, start=start,
                         entry_stack=tuple(stack), boxed=boxed)
        self.state_in: dict[int, tuple] = {}
        self.recording = False  # the last pass records states, calls and returns

    def run(self) -> Types:
        """Propagate states to a fixpoint (blocks in reverse post-order first), then type
        every block once more from its final state, recording what the lowering reads."""
        a = self.a
        order = {b: i for i, b in enumerate(a.rpo)}
        n = self.out.n_locals
        locals0 = (tuple(self.out.entry) + (None,) * n)[:n]
        b0 = a.block_of[self.out.start]
        self.state_in[b0] = (locals0, self.out.entry_stack)
        work = {b0}
        while work:
            b = min(work, key=order.__getitem__)
            work.discard(b)
            try:
                edges = self.block(a.blocks[b])
            except _Pending:
                continue  # a local not typed yet on this path: wait for more edges
            for off, state in edges:
                nb = a.block_of[off]
                merged = self.merge(nb, self.state_in.get(nb), state)
                if merged != self.state_in.get(nb):
                    self.state_in[nb] = merged
                    work.add(nb)
        self.recording = True
        for b in sorted(self.state_in, key=order.__getitem__):
            try:
                self.block(a.blocks[b])
            except _Pending as e:
                raise NotCompilable(f"local {self.local_name(e.args[0])} read before any "
                                    f"assignment") from None
        return self.out

    def merge(self, b: int, old, new):
        """Join two states at block ``b``'s entry: dead locals are dropped, a live local
        must have one type on every path where it is bound, stack slots must agree."""
        live = self.a.blocks[b].live_in
        loc, stk = new
        loc = tuple(t if k in live else None for k, t in enumerate(loc))
        if old is None:
            return loc, stk
        (l1, s1) = old
        if s1 != stk:
            joined = tuple(join(x, y) for x, y in zip(s1, stk)) if len(s1) == len(stk) else ()
            if len(s1) != len(stk) or None in joined:
                raise NotCompilable(f"stack types differ where paths meet at "
                                    f"{self.a.blocks[b].start}: {s1} vs {stk}")
            s1 = joined
        out = []
        for k, (x, y) in enumerate(zip(l1, loc)):
            if x == y or y is None:
                out.append(x)
            elif x is None:
                out.append(y)
            elif join(x, y) is not None:
                out.append(join(x, y))
            elif boxable(x) and boxable(y) and k not in self.boxed:
                raise _Widen(k)  # typed again with this local an object everywhere
            else:
                raise NotCompilable(f"local {self.local_name(k)} is {x} on one path and {y} on "
                                    f"another (at {self.a.blocks[b].start})")
        return tuple(out), s1

    def global_type(self, name: str) -> str:
        """A global holding a list, tuple or bytearray now is speculated to keep holding one
        of that type (each load checks); anything else is an object."""
        G = self.globals0
        if G is None:
            return OBJ
        v = G.get(name, G)
        if v is G:
            return OBJ
        t = type(v)
        if _is_module(v) and _module_name(v) is not None:
            return MODULE + name
        for f in MATH_FUNCTIONS:  # `from math import sqrt`: the guest math module's function
            if v is _math_function(f):
                return MATHFN + f
        return type_of_value(v) if t in (list, tuple, bytearray, bytes) else OBJ

    def attr(self, ins, stk: list) -> None:
        """LOAD_ATTR / LOAD_METHOD: a list's append, a module's number or math function
        (typed), else the sandbox's lookup on any reference (an object; LOAD_METHOD leaves
        [function or attribute, self or NULL], both references)."""
        t = stk[-1]
        try:
            self.module_attr(ins, stk)
            return
        except NotCompilable:
            if not boxable(t) or t == NONE:
                raise
        if ins.info.name == "LOAD_METHOD":
            self.out.generic_methods.add(ins.offset)
            stk[-1:] = [OBJ, OBJ]
        else:
            stk[-1] = OBJ

    def module_attr(self, ins, stk: list) -> None:
        """``mod.NAME`` (LOAD_ATTR) or ``mod.NAME(...)`` (LOAD_METHOD) on a module a global
        holds: a number attribute typed from its value now (each load checks), or one of the
        math module's MATH_FUNCTIONS; anything else is outside the subset."""
        t = stk[-1]
        attr = self.q[ins.arg]
        if (ins.info.name == "LOAD_METHOD" and attr == "append"
                and container(t)[0] == "list"):  # the list stays below as the method's self
            stk[-1:] = [LIST_APPEND, t]
            return
        if type(t) is not str or not t.startswith(MODULE):
            raise NotCompilable(f"attribute {attr} of {t}")
        mod = self.globals0[t[len(MODULE):]]
        v = mod.__dict__.get(attr, mod)
        if ins.info.name == "LOAD_METHOD":
            if _module_name(mod) == "math" and attr in MATH_FUNCTIONS and v is _math_function(attr):
                stk[-1:] = [MATHFN + attr, NUL]
                return
            raise NotCompilable(f"call of {_module_name(mod)}.{attr}")
        vt = type_of_number(v) if v is not mod else None
        if vt is None:
            raise NotCompilable(f"attribute {attr} of module {_module_name(mod)}")
        self.out.attrs[ins.offset] = (t[len(MODULE):], attr, vt)
        stk[-1] = vt

    def call_method(self, ins, stk: list) -> None:
        a = ins.arg
        nargs = a & 0xFF
        # [OBJ, OBJ] under the arguments: only a generic LOAD_METHOD pushes that pair (a typed
        # one pushes [list.append, the list] or [math.f, NULL])
        if not a >> 8 and stk[-nargs - 2] == OBJ and stk[-nargs - 1] == OBJ:
            args = stk[len(stk) - nargs:]
            self.need_boxable(args, "method argument")
            del stk[len(stk) - nargs - 1:]
            self.out.calls[ins.offset] = CallSite("method", nargs)
            stk[-1] = OBJ
            return
        if a >> 8 or (a & 0xFF) != 1:
            raise NotCompilable("method call")
        fn, self_, arg = stk[-3:]
        if fn == LIST_APPEND:
            if not boxable(arg):
                raise NotCompilable(f"append of {arg}")
            del stk[-2:]
            stk[-1] = NONE
            return
        if type(fn) is not str or not fn.startswith(MATHFN) or self_ != NUL:
            raise NotCompilable(f"method call of {fn}")
        if arg not in NUMBERS:
            raise NotCompilable(f"{fn}() of {arg}")
        del stk[-2:]
        stk[-1] = FLOAT

    @staticmethod
    def typed_item(cont, idx) -> bool:
        return idx in (INT, BOOL) and (cont in BYTE_STRINGS or container(cont)[0] is not None)

    def local_name(self, k: int) -> str:
        names = self.code.arg_names
        return names[k] if k < len(names) else f"#{k}"

    def block(self, blk):
        """Type a block from its entry state; the (offset, state) of its successors."""
        loc, stk = self.state_in[blk.index]
        loc, stk = list(loc), list(stk)
        for ins in blk.instrs:
            if self.recording:
                self.out.before[ins.offset] = (tuple(loc), tuple(stk))
            edges = self.instr(ins, loc, stk)
            if edges is not None:
                return edges
        return [(blk.end, (tuple(loc), tuple(stk)))]

    def instr(self, ins, loc: list, stk: list):
        """Apply one instruction to the state in place; the out edges if it ends the flow."""
        n, a, off = ins.info.name, ins.arg, ins.offset
        nxt = off + ins.size
        state = lambda: (tuple(loc), tuple(stk))
        if n in ("LOAD_CONST_SMALL_INT", "LOAD_CONST_SMALL_INT_MULTI"):
            stk.append(INT)
        elif n == "LOAD_CONST_STRING":
            stk.append(OBJ)
        elif n == "LOAD_CONST_OBJ":  # a number unboxed, anything else a reference
            stk.append(type_of_number(self.objs[a]) or OBJ)
        elif n in ("LOAD_CONST_TRUE", "LOAD_CONST_FALSE"):
            stk.append(BOOL)
        elif n == "LOAD_CONST_NONE":
            stk.append(NONE)
        elif n == "LOAD_NULL":
            stk.append(NUL)
        elif n in ("LOAD_FAST_N", "LOAD_FAST_MULTI"):
            t = loc[a]
            if t is None:
                raise _Pending(a)
            if not self.a.is_assigned(off, a):
                self.out.maybe_unbound.add(a)
            stk.append(t)
        elif n in ("STORE_FAST_N", "STORE_FAST_MULTI"):
            t = stk.pop()
            if t == NONE:
                t = OBJ  # a reference to None
            if t not in NUMBERS and not is_ref(t):
                raise NotCompilable(f"{t} stored in local {self.local_name(a)}")
            loc[a] = OBJ if a in self.boxed else t
        elif n == "LOAD_GLOBAL":
            name = self.q[a]
            if name in FRAME_BUILTINS:  # they look at the caller's guest frame
                raise NotCompilable(f"calls {name}(), which needs a tier-0 frame")
            t = RANGE if name == "range" else LEN if name == "len" else self.global_type(name)
            if (is_ref(t) and t != OBJ) or t.startswith(MATHFN):
                self.out.globals_typed[off] = t
            stk.append(t)
        elif n in ("LOAD_ATTR", "LOAD_METHOD"):
            self.attr(ins, stk)
        elif n == "STORE_ATTR":
            o, v = stk.pop(), stk.pop()
            if not is_ref(o) or not boxable(v):
                raise NotCompilable(f"attribute store of {v} on {o}")
        elif n == "CALL_METHOD":
            self.call_method(ins, stk)
        elif n == "LOAD_SUBSCR":
            idx = stk.pop()
            if self.typed_item(stk[-1], idx):
                stk[-1] = self.item_type(stk[-1], idx)
            else:  # PyObject_GetItem
                self.need_boxable([stk[-1], idx], "subscript")
                if not is_ref(stk[-1]):
                    raise NotCompilable(f"subscript of {stk[-1]}")
                self.out.generic_items.add(off)
                stk[-1] = OBJ
        elif n == "STORE_SUBSCR":
            idx, cont, val = stk.pop(), stk.pop(), stk.pop()
            kind, _elem = container(cont)
            if not (idx in (INT, BOOL) and (kind == "list" or cont == BYTEARRAY)):
                if not is_ref(cont) or not boxable(idx) or not boxable(val):
                    raise NotCompilable(f"item assignment {cont}[{idx}] = {val}")
                self.out.generic_items.add(off)  # PyObject_SetItem
                return None
            if cont == BYTEARRAY and val not in (INT, BOOL):
                raise NotCompilable(f"{val} stored in a bytearray")
            if not boxable(val):
                raise NotCompilable(f"{val} stored in a list")
        elif n == "CALL_FUNCTION":
            self.call(ins, stk)
        elif n == "GET_ITER_STACK":
            if stk[-1] == RANGE_ARGS:
                stk[-1:] = [NUL, IT_CUR, IT_STOP, IT_STEP]
            elif container(stk[-1])[0] is not None:
                stk[-1:] = [NUL, stk[-1], IT_IDX, NUL]
            elif is_ref(stk[-1]):  # any other iterable: its iterator (PyObject_GetIter)
                self.out.generic_iters.add(off)
                stk[-1:] = [NUL, OBJ, NUL, NUL]
            else:
                raise NotCompilable(f"iteration over {stk[-1]}")
        elif n == "FOR_ITER":
            if tuple(stk[-4:]) == (NUL, IT_CUR, IT_STOP, IT_STEP):
                item = INT
            elif stk[-4] == NUL and stk[-2] == IT_IDX and container(stk[-3])[0] is not None:
                item = container(stk[-3])[1]
            elif tuple(stk[-4:]) == (NUL, OBJ, NUL, NUL):  # an iterator: PyIter_Next
                item = OBJ
            else:
                raise NotCompilable("FOR_ITER over another iterator")
            more = (tuple(loc), (*stk, item))
            return [(nxt, more), (ins.target, (tuple(loc), tuple(stk[:-4])))]
        elif n == "POP_TOP":
            if stk.pop() == RANGE_ARGS:
                raise NotCompilable("range() result popped")
        elif n == "DUP_TOP":
            self.need_value(stk[-1:], "DUP_TOP")
            stk.append(stk[-1])
        elif n == "DUP_TOP_TWO":
            self.need_value(stk[-2:], "DUP_TOP_TWO")
            stk.extend(stk[-2:])
        elif n == "ROT_TWO":
            stk[-2:] = [stk[-1], stk[-2]]
        elif n == "ROT_THREE":
            stk[-3:] = [stk[-1], stk[-3], stk[-2]]
        elif n == "BINARY_OP_MULTI":
            b = stk.pop()
            stk[-1] = binary_result(a, stk[-1], b)
        elif n == "UNARY_OP_MULTI":
            stk[-1] = unary_result(a, stk[-1])
        elif n == "BUILD_TUPLE":
            items = stk[len(stk) - a:]
            self.need_boxable(items, "tuple item")
            del stk[len(stk) - a:]
            stk.append(OBJ)
            self.out.tuples = max(self.out.tuples, a)
        elif n == "BUILD_SLICE":  # slice(start, stop[, step]): PySlice_New
            self.need_boxable(stk[len(stk) - a:], "slice bound")
            del stk[len(stk) - a:]
            stk.append(OBJ)
        elif n == "BUILD_LIST":
            items = stk[len(stk) - a:]
            self.need_boxable(items, "list item")
            del stk[len(stk) - a:]
            stk.append("list[obj]")
        elif n == "JUMP":
            return [(ins.target, state())]
        elif n in ("POP_JUMP_IF_TRUE", "POP_JUMP_IF_FALSE"):
            self.need_boxable(stk[-1:], n)  # an object's truth: PyObject_IsTrue
            stk.pop()
            return [(nxt, state()), (ins.target, state())]
        elif n in ("JUMP_IF_TRUE_OR_POP", "JUMP_IF_FALSE_OR_POP"):
            self.need(stk[-1:], NUMBERS, n)
            kept = state()
            stk.pop()
            return [(nxt, state()), (ins.target, kept)]
        elif n in ("RAISE_OBJ", "RAISE_FROM"):  # tier 0's raise_obj / raise_from, then raise
            self.need_boxable(stk[-(1 if n == "RAISE_OBJ" else 2):], n)
            return []
        elif n == "RETURN_VALUE":
            t = stk.pop()
            self.need_boxable([t], "RETURN_VALUE")
            if self.recording:
                self.out.returns.add(t)
            return []
        else:
            raise NotCompilable(f"opcode {n} at {off}")
        return None

    @staticmethod
    def need(types, allowed, what: str) -> None:
        for t in types:
            if t not in allowed:
                raise NotCompilable(f"{what} on {t}")

    @staticmethod
    def need_boxable(types, what: str) -> None:
        for t in types:
            if not boxable(t):
                raise NotCompilable(f"{what} on {t}")

    @staticmethod
    def need_value(types, what: str) -> None:
        """Numbers and references (which the lowering can copy)."""
        for t in types:
            if t not in NUMBERS and not is_ref(t):
                raise NotCompilable(f"{what} on {t}")

    @staticmethod
    def item_type(cont, idx) -> str:
        """The type of ``cont[idx]`` (an int index into a list, tuple or bytearray)."""
        if idx not in (INT, BOOL):
            raise NotCompilable(f"subscript {cont}[{idx}]")
        if cont in BYTE_STRINGS:
            return INT
        kind, elem = container(cont)
        if kind is None:
            raise NotCompilable(f"subscript of {cont}")
        return elem

    def call(self, ins, stk: list) -> None:
        a = ins.arg
        if a >> 8:
            raise NotCompilable("call with keyword arguments")
        nargs = a & 0xFF
        args = stk[len(stk) - nargs:]
        fn = stk[-nargs - 1]
        del stk[len(stk) - nargs:]
        if type(fn) is str and fn.startswith(MATHFN):
            if nargs != 1 or args[0] not in NUMBERS:
                raise NotCompilable(f"{fn}() of {args}")
            self.out.calls[ins.offset] = CallSite("math", 1)
            stk[-1] = FLOAT
            return
        if fn == LEN:
            if nargs != 1 or not is_ref(args[0]):
                raise NotCompilable(f"len() of {args[0] if args else 'nothing'}")
            typed = container(args[0])[0] or args[0] in BYTE_STRINGS  # else PyObject_Size
            self.out.calls[ins.offset] = CallSite("len" if typed else "len_obj", 1)
            stk[-1] = INT
            return
        if fn == RANGE:
            self.need(args, (INT, BOOL), "range()")
            if not 1 <= nargs <= 3:
                raise NotCompilable(f"range() with {nargs} arguments")
            self.out.calls[ins.offset] = CallSite("range", nargs)
            stk[-1] = RANGE_ARGS
            return
        if fn != OBJ:
            raise NotCompilable(f"call of {fn}")
        self.need_boxable(args, "call argument")
        name = self.global_called(ins.offset, nargs)
        is_self = name == self.code.name and self.out.start == 0  # the body is the whole function
        result = self.self_ret if is_self else BUILTIN_RESULTS.get(name) or \
            self.predict(name, tuple(args))
        self.out.calls[ins.offset] = CallSite("call", nargs, name, is_self, result)
        stk[-1] = result

    def global_called(self, off: int, nargs: int) -> str | None:
        """The global name a call's function came from (LOAD_GLOBAL at the call's base)."""
        d = self.a.depth[off] - nargs - 1
        for ins in reversed([i for i in self.a.instrs if i.offset < off]):
            if self.a.depth.get(ins.offset) == d:
                return self.q[ins.arg] if ins.info.name == "LOAD_GLOBAL" else None
        return None


def _no_prediction(name, arg_types) -> str:
    return OBJ


def infer(code, analysis, entry: tuple, *, predict=None, start: int = 0,
          stack: tuple = (), globals0=None) -> Types:
    """Types for ``code`` entered with parameter types ``entry``. A self-recursive function
    is typed with each number type speculated for its own calls' results, keeping the first
    that its returns agree with (else object results, which then cannot be computed on).
    ``predict(name, arg_types)`` speculates the result type of a call of another global
    (checked at run time after the call)."""
    check_shape(code, analysis)
    predict = predict or _no_prediction
    first_error = None
    has_self = any(i.info.name == "LOAD_GLOBAL" and code.ctx.qstr_text[i.arg] == code.name
                   for i in analysis.instrs)
    for guess in ((INT, FLOAT, BOOL) if has_self else ()) + (OBJ,):
        boxed: frozenset = frozenset()
        while True:
            try:
                t = _Typer(code, analysis, entry, guess, predict, start, stack, globals0,
                           boxed).run()
                break
            except _Widen as w:
                boxed = boxed | {w.args[0]}
            except NotCompilable as e:
                first_error = first_error or e
                t = None
                break
        if t is None:
            continue
        if guess == OBJ or t.returns == {guess}:
            return t
    raise first_error
