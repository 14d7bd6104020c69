"""Checks a function's bytecode when a file is read, driven by the opcode table.

MicroPython's loader trusts the bytecode; the VM and the translator here rely on it as
well, so the reader refuses code mpy-cross never writes: ``check_bytecode`` walks the
opcodes once (unknown opcodes, operands out of range, names that are no identifiers,
jumps into an instruction or off the code, code that runs off its end) and
``check_stack`` follows every path (stack underflow, STORE_COMP aimed at anything but
its comprehension's collection, blocks opened and closed out of turn, state too small).
Neither makes an object per instruction: memory stays in proportion to the code.

Everything mpy-cross 1.19-1.29 writes is accepted: checked against MicroPython's whole
test suite compiled with several releases and options, and against thousands of random
programs of deeply mixed control flow (tests/mpy/test_valid_programs.py).
"""

from __future__ import annotations

from array import array
from collections.abc import Callable  # not typing: its import costs start-up time

from ._record import Record
from .bytecode import jump_operand
from .opcodes import BY_BYTE, Arg

# operand formats, one small int per opcode byte, so the check loop does no attribute lookups
_F_BAD, _F_NONE, _F_QSTR, _F_UINT, _F_SINT, _F_JUMP, _F_UJUMP = -1, 0, 1, 2, 3, 4, 5
# what to check of the operand (beyond decoding it)
(_C_NONE, _C_LOCAL, _C_NAME, _C_QSTR, _C_CONST, _C_CHILD, _C_CLOSURE, _C_CLOSURE_DEF, _C_STACK,
 _C_MAP, _C_SLICE, _C_COMP, _C_UNPACK_EX, _C_CALL, _C_UNWIND, _C_SETUP, _C_YIELD) = range(17)

_LOCAL_OPS = frozenset({"LOAD_FAST_N", "STORE_FAST_N", "DELETE_FAST", "LOAD_DEREF", "STORE_DEREF",
                        "DELETE_DEREF", "LOAD_FAST_MULTI", "STORE_FAST_MULTI"})
# qstr operands that name a variable, attribute or module: identifiers (or dotted module
# names) in the source, so never NUL bytes, never anything but strict UTF-8
_NAME_OPS = frozenset({"LOAD_NAME", "LOAD_GLOBAL", "LOAD_ATTR", "LOAD_METHOD", "LOAD_SUPER_METHOD",
                       "STORE_NAME", "STORE_GLOBAL", "STORE_ATTR", "DELETE_NAME", "DELETE_GLOBAL",
                       "IMPORT_NAME", "IMPORT_FROM"})
# items an opcode takes from the stack besides its counted arguments (py/vm.c)
_CALL_BASE = {"CALL_FUNCTION": 1, "CALL_METHOD": 2, "CALL_FUNCTION_VAR_KW": 2,
              "CALL_METHOD_VAR_KW": 3}
# the last instruction of a function must not fall through past the end of the code
_TERMINATORS = frozenset({"RETURN_VALUE", "RAISE_LAST", "RAISE_OBJ", "RAISE_FROM", "JUMP",
                          "UNWIND_JUMP", "POP_EXCEPT_JUMP"})


def _tables():
    fmt, check, extra, base, term = [], [], [], [], []
    for b in range(256):
        info = BY_BYTE[b]
        if info is None:
            fmt.append(_F_BAD)
            check.append(_C_NONE)
            extra.append(False)
            base.append(0)
            term.append(False)
            continue
        name, kind = info.name, info.arg
        if info.count > 1:
            f = _F_NONE
        else:
            f = {Arg.NONE: _F_NONE, Arg.QSTR: _F_QSTR, Arg.SINT: _F_SINT, Arg.JUMP: _F_JUMP,
                 Arg.UJUMP: _F_UJUMP}.get(kind, _F_UINT)
        if name in _LOCAL_OPS:
            c = _C_LOCAL
        elif name in _NAME_OPS:
            c = _C_NAME
        elif kind is Arg.QSTR:
            c = _C_QSTR
        elif kind is Arg.CONST:
            c = _C_CONST
        elif name == "MAKE_CLOSURE":
            c = _C_CLOSURE
        elif name == "MAKE_CLOSURE_DEFARGS":
            c = _C_CLOSURE_DEF
        elif kind is Arg.CHILD:
            c = _C_CHILD
        elif name in ("BUILD_TUPLE", "BUILD_LIST", "BUILD_SET", "UNPACK_SEQUENCE"):
            c = _C_STACK
        elif name == "BUILD_MAP":
            c = _C_MAP
        elif name == "BUILD_SLICE":
            c = _C_SLICE
        elif name == "STORE_COMP":
            c = _C_COMP
        elif name == "UNPACK_EX":
            c = _C_UNPACK_EX
        elif name in _CALL_BASE:
            c = _C_CALL
        elif name == "UNWIND_JUMP":
            c = _C_UNWIND
        elif name in ("SETUP_WITH", "SETUP_EXCEPT", "SETUP_FINALLY"):
            c = _C_SETUP
        elif name in ("YIELD_VALUE", "YIELD_FROM"):
            c = _C_YIELD
        else:
            c = _C_NONE
        fmt.append(f)
        check.append(c)
        extra.append(info.extra_byte)
        base.append(_CALL_BASE.get(name, 0) if info.count == 1 else b - info.byte)
        term.append(name in _TERMINATORS)
    return tuple(fmt), tuple(check), tuple(extra), tuple(base), tuple(term)


_FMT, _CHECK, _EXTRA, _BASE, _TERM = _tables()


class CodeLimits(Record):
    """What a function's operands may refer to."""

    _fields = ("n_qstr", "is_name", "n_obj", "n_child", "n_state", "n_exc_stack", "generator")

    def __init__(self, n_qstr: int, is_name: Callable[[int], bool], n_obj: int, n_child: int,
                 n_state: int, n_exc_stack: int, generator: bool = False) -> None:
        self.n_qstr = n_qstr
        self.is_name = is_name  # whether a qstr may stand as an identifier
        self.n_obj = n_obj
        self.n_child = n_child
        self.n_state = n_state
        self.n_exc_stack = n_exc_stack
        self.generator = generator  # the prelude's generator flag: only then may the code yield


def check_bytecode(code: bytes, lim: CodeLimits, fail: Callable[[str, int], Exception]) -> int:
    """Check every instruction of ``code`` (opcodes only) against ``lim``; raise ``fail(...)``.

    Accepts everything mpy-cross writes: operands index existing qstrs, constants,
    children and locals; counts of stack items fit the function's state; jumps land on an
    instruction inside the code; the last instruction cannot fall off the end.
    Returns the number of locals the code touches (the highest local number + 1).
    """
    n = len(code)
    if n == 0:
        raise fail("function has no code", 0)
    fmt_of, check_of, extra_of, base_of, term_of = _FMT, _CHECK, _EXTRA, _BASE, _TERM
    starts = bytearray(n)
    jumps = array("q")  # (instruction offset, target) pairs, checked once all starts are known
    n_locals = 0
    ip = 0
    op = 0
    while ip < n:
        start = ip
        op = code[ip]
        fmt = fmt_of[op]
        if fmt < 0:
            raise fail(f"unknown opcode 0x{op:02x}", start)
        starts[ip] = 1
        ip += 1
        arg = 0
        if fmt == _F_NONE:
            arg = base_of[op]  # the value of a *_MULTI opcode
        elif fmt >= _F_JUMP:
            if ip >= n or (code[ip] & 0x80 and ip + 1 >= n):
                raise fail(f"{BY_BYTE[op].name} truncated", start)
            arg, ip = jump_operand(code, ip, fmt == _F_JUMP)
            jumps.append(start)
            jumps.append(ip + arg)
        else:
            b = 0x80
            count = 0
            while b & 0x80:
                if ip >= n:
                    raise fail(f"{BY_BYTE[op].name} argument truncated", start)
                b = code[ip]
                ip += 1
                if count == 0 and fmt == _F_SINT and b & 0x40:
                    arg = -1
                arg = (arg << 7) | (b & 0x7F)
                count += 1
                if count > 10:
                    raise fail(f"{BY_BYTE[op].name} argument too long", start)
        extra = 0
        if extra_of[op]:
            if ip >= n:
                raise fail(f"{BY_BYTE[op].name} extra byte truncated", start)
            extra = code[ip]
            ip += 1
        check = check_of[op]
        if check:
            reason = _check_operand(check, op, arg, extra, lim, n)
            if reason is not None:
                raise fail(reason, start)
            if check == _C_LOCAL and arg >= n_locals:
                n_locals = arg + 1
    if not term_of[op]:
        raise fail(f"the code runs off its end after {BY_BYTE[op].name}", start)
    for k in range(0, len(jumps), 2):
        target = jumps[k + 1]
        if not 0 <= target < n or not starts[target]:
            where = "outside the code" if not 0 <= target < n else "not on an instruction"
            raise fail(f"jump target {target} is {where}", jumps[k])
    return n_locals


def _check_operand(check: int, op: int, arg: int, extra: int, lim: CodeLimits,
                   n_code: int) -> str | None:
    """Why the operand of one instruction is invalid, or None."""
    name = BY_BYTE[op].name
    n_state = lim.n_state
    if check == _C_LOCAL:
        if arg >= n_state:
            return f"{name}: local {arg} outside the {n_state}-slot state"
    elif check == _C_NAME or check == _C_QSTR:
        if arg >= lim.n_qstr:
            return f"{name}: qstr index {arg} out of range ({lim.n_qstr})"
        if check == _C_NAME and not lim.is_name(arg):
            return f"{name}: qstr {arg} is not a name (NUL byte or invalid UTF-8)"
    elif check == _C_CONST:
        if arg >= lim.n_obj:
            return f"{name}: constant index {arg} out of range ({lim.n_obj})"
    elif check in (_C_CHILD, _C_CLOSURE, _C_CLOSURE_DEF):
        if arg >= lim.n_child:
            return f"{name}: child index {arg} out of range ({lim.n_child})"
        taken = extra + (2 if check == _C_CLOSURE_DEF else 0)
        if taken > n_state:
            return f"{name}: {extra} closed-over values exceed the {n_state}-slot state"
    elif check == _C_STACK:
        if arg > n_state:
            return f"{name}: {arg} items exceed the {n_state}-slot state"
    elif check == _C_MAP:
        if arg > n_code:  # a size hint: each entry needs a STORE_MAP, so no more than the code
            return f"{name}: size {arg} larger than the code"
    elif check == _C_SLICE:
        if arg not in (2, 3):
            return f"{name}: {arg} items (a slice takes 2 or 3)"
    elif check == _C_COMP:
        kind, depth = arg & 3, arg >> 2
        # py/emitbc.c: ((index + n) << 2) | kind with kind 0 list, 1 dict (2 items), 2 set
        if kind == 3:
            return f"{name}: unknown collection kind 3"
        least = 2 if kind == 1 else 1
        if not least <= depth <= n_state:
            return f"{name}: collection at stack depth {depth} (needs {least}..{n_state})"
    elif check == _C_UNPACK_EX:
        need = (arg & 0xFF) + ((arg >> 8) & 0xFF) + 1
        if need > n_state:
            return f"{name}: {need} items exceed the {n_state}-slot state"
    elif check == _C_CALL:
        need = (arg & 0xFF) + 2 * ((arg >> 8) & 0xFF) + _BASE[op]
        if need > n_state:
            return f"{name}: {need} stack items exceed the {n_state}-slot state"
    elif check == _C_UNWIND:
        if not 1 <= extra & 0x7F <= lim.n_exc_stack:
            return f"{name}: unwinds {extra & 0x7F} blocks ({lim.n_exc_stack} in the function)"
    elif check == _C_SETUP:
        if lim.n_exc_stack == 0:
            return f"{name} in a function with no exception stack"
    elif check == _C_YIELD:
        if not lim.generator:  # a frame that cannot be suspended
            return f"{name} in a function that is not a generator"
    return None


def instruction_count(code: bytes) -> int:
    """How many instructions ``code`` (already checked) holds, without decoding them."""
    fmt_of, extra_of = _FMT, _EXTRA
    n = len(code)
    ip = count = 0
    while ip < n:
        op = code[ip]
        fmt = fmt_of[op]
        ip += 1
        if fmt >= _F_JUMP:
            ip += 2 if code[ip] & 0x80 else 1
        elif fmt > _F_NONE:
            while code[ip] & 0x80:
                ip += 1
            ip += 1
        ip += extra_of[op]
        count += 1
    return count


# ---- the stack check ----------------------------------------------------------------------
# How each opcode moves the value stack and where control goes (py/vm.c, and jitvm's tier 0
# which mirrors it). mpy-cross keeps the stack depth at every instruction fixed whatever the
# path taken (exception handlers are entered at the depth of their SETUP plus the exception),
# so a depth that differs between two paths, or a pop from an empty stack, is corrupt code.
(_FL_NEXT, _FL_JUMP, _FL_COND, _FL_OR_POP, _FL_FOR, _FL_SETUP, _FL_WITH, _FL_POP_EXCEPT,
 _FL_END_FINALLY, _FL_UNWIND, _FL_END) = range(11)
_EFFECTS = {
    "LOAD_NULL": (0, 1), "LOAD_BUILD_CLASS": (0, 1), "LOAD_CONST_FALSE": (0, 1),
    "LOAD_CONST_NONE": (0, 1), "LOAD_CONST_TRUE": (0, 1), "LOAD_CONST_STRING": (0, 1),
    "LOAD_CONST_SMALL_INT": (0, 1), "LOAD_CONST_SMALL_INT_MULTI": (0, 1),
    "LOAD_CONST_OBJ": (0, 1), "LOAD_FAST_N": (0, 1), "LOAD_FAST_MULTI": (0, 1),
    "LOAD_DEREF": (0, 1), "LOAD_NAME": (0, 1), "LOAD_GLOBAL": (0, 1), "MAKE_FUNCTION": (0, 1),
    "BUILD_MAP": (0, 1), "LOAD_ATTR": (1, 1), "LOAD_METHOD": (1, 2), "LOAD_SUPER_METHOD": (3, 2),
    "LOAD_SUBSCR": (2, 1), "STORE_NAME": (1, 0), "STORE_GLOBAL": (1, 0), "STORE_ATTR": (2, 0),
    "STORE_SUBSCR": (3, 0), "STORE_FAST_N": (1, 0), "STORE_FAST_MULTI": (1, 0),
    "STORE_DEREF": (1, 0), "DELETE_FAST": (0, 0), "DELETE_DEREF": (0, 0), "DELETE_NAME": (0, 0),
    "DELETE_GLOBAL": (0, 0), "STORE_MAP": (3, 1), "IMPORT_NAME": (2, 1), "IMPORT_FROM": (1, 2),
    "IMPORT_STAR": (1, 0), "DUP_TOP": (1, 2), "DUP_TOP_TWO": (2, 4), "POP_TOP": (1, 0),
    "ROT_TWO": (2, 2), "ROT_THREE": (3, 3), "UNARY_OP_MULTI": (1, 1), "BINARY_OP_MULTI": (2, 1),
    "GET_ITER": (1, 1), "GET_ITER_STACK": (1, 4), "WITH_CLEANUP": (3, 1), "YIELD_VALUE": (1, 1),
    "YIELD_FROM": (2, 1), "MAKE_FUNCTION_DEFARGS": (2, 1), "RETURN_VALUE": (1, 0),
    "RAISE_LAST": (0, 0), "RAISE_OBJ": (1, 0), "RAISE_FROM": (2, 0), "POP_JUMP_IF_TRUE": (1, 0),
    "POP_JUMP_IF_FALSE": (1, 0), "JUMP": (0, 0), "JUMP_IF_TRUE_OR_POP": (1, 1),
    "JUMP_IF_FALSE_OR_POP": (1, 1), "FOR_ITER": (0, 0), "SETUP_EXCEPT": (0, 0),
    "SETUP_FINALLY": (0, 0), "SETUP_WITH": (1, 3), "POP_EXCEPT_JUMP": (0, 0),
    "END_FINALLY": (1, 0), "UNWIND_JUMP": (0, 0),
}
_FLOWS = {
    "JUMP": _FL_JUMP, "POP_JUMP_IF_TRUE": _FL_COND, "POP_JUMP_IF_FALSE": _FL_COND,
    "JUMP_IF_TRUE_OR_POP": _FL_OR_POP, "JUMP_IF_FALSE_OR_POP": _FL_OR_POP, "FOR_ITER": _FL_FOR,
    "SETUP_EXCEPT": _FL_SETUP, "SETUP_FINALLY": _FL_SETUP, "SETUP_WITH": _FL_WITH,
    "POP_EXCEPT_JUMP": _FL_POP_EXCEPT, "END_FINALLY": _FL_END_FINALLY, "UNWIND_JUMP": _FL_UNWIND,
    "RETURN_VALUE": _FL_END, "RAISE_LAST": _FL_END, "RAISE_OBJ": _FL_END, "RAISE_FROM": _FL_END,
}
_COUNTED = {"BUILD_TUPLE", "BUILD_LIST", "BUILD_SET", "BUILD_SLICE"}  # pop arg, push 1


def _stack_tables():
    fixed, flow, counted = [], [], []
    for b in range(256):
        info = BY_BYTE[b]
        name = info.name if info else ""
        fixed.append(_EFFECTS.get(name))
        flow.append(_FLOWS.get(name, _FL_NEXT))
        counted.append(name)
    return tuple(fixed), tuple(flow), tuple(counted)


_FIXED, _FLOW, _NAME = _stack_tables()
# the straight-line opcodes with a fixed stack effect, as (pops, pushes, has a vuint operand,
# slots whose value is consumed), which check_stack steps over without decoding
_STRAIGHT = tuple(
    (_FIXED[b][0], _FIXED[b][1], _FMT[b] != _F_NONE,
     0 if _NAME[b] in ("DUP_TOP", "DUP_TOP_TWO") else _FIXED[b][0])
    if _FIXED[b] is not None and _FLOW[b] == _FL_NEXT and not _EXTRA[b]
    and _FMT[b] in (_F_NONE, _F_QSTR, _F_UINT, _F_SINT) and _NAME[b] != "BUILD_MAP" else None
    for b in range(256))


def _decode_at(code: bytes, ip: int) -> tuple[int, int, int, int]:
    """(opcode, operand, extra byte, next offset) of the checked instruction at ``ip``."""
    op = code[ip]
    fmt = _FMT[op]
    ip += 1
    arg = 0
    if fmt == _F_NONE:
        arg = _BASE[op]
    elif fmt >= _F_JUMP:
        arg, ip = jump_operand(code, ip, fmt == _F_JUMP)
        arg += ip  # the target
    else:
        b = code[ip]
        if fmt == _F_SINT and b & 0x40:
            arg = -1
        while True:
            b = code[ip]
            ip += 1
            arg = (arg << 7) | (b & 0x7F)
            if not b & 0x80:
                break
    extra = 0
    if _EXTRA[op]:
        extra = code[ip]
        ip += 1
    return op, arg, extra, ip


def _effect(op: int, arg: int, extra: int) -> tuple[int, int]:
    fixed = _FIXED[op]
    if fixed is not None:
        return fixed
    name = _NAME[op]
    if name in _COUNTED:
        return arg, 1
    if name == "STORE_COMP":
        return (2 if arg & 3 == 1 else 1), 0
    if name == "UNPACK_SEQUENCE":
        return 1, arg
    if name == "UNPACK_EX":
        return 1, (arg & 0xFF) + ((arg >> 8) & 0xFF) + 1
    if name == "MAKE_CLOSURE":
        return extra, 1
    if name == "MAKE_CLOSURE_DEFARGS":
        return extra + 2, 1
    # CALL_*: positional args, keyword (name, value) pairs, the callable (and self / star map)
    return (arg & 0xFF) + 2 * ((arg >> 8) & 0xFF) + _BASE[op], 1


_STRICT, _BY_ONE, _TENTATIVE = 0, 1, 2  # how check_stack treats a path (see there)
_MAX_REVISITS = 8  # how often one instruction may be followed again with a weaker state
_MAX_COLLECTIONS = 4  # the oldest collections on the stack that STORE_COMP may add to
_COMP_KIND = {"BUILD_LIST": 0, "BUILD_MAP": 1, "BUILD_SET": 2}  # STORE_COMP's kinds


def check_stack(code: bytes, lim: CodeLimits, fail: Callable[[str, int], Exception],
                n_locals: int = 0) -> int:
    """Follow every path through ``code`` (already checked by check_bytecode) and check the
    value stack and the exception-block stack; returns the deepest value stack.

    The state at an instruction is (stack depth, blocks, collections): blocks are the
    open SETUP_* blocks (by their handlers; the stack depth outside each is kept aside),
    collections the stack slots holding a list, dict or set that BUILD_LIST/MAP/SET made
    and nothing has consumed since. The blocks must be the same on every path to an
    instruction; the depth is the least over the paths and the collections those all
    paths have. No instruction may pop more than the stack holds; STORE_COMP must add to
    a collection of its kind (the VM calls its append/__setitem__/add directly); the
    stack and the ``n_locals`` locals must fit in n_state (mpy-cross sets n_state to the
    locals plus the deepest stack); blocks nest no deeper than the prelude's n_exc_stack;
    POP_EXCEPT_JUMP, END_FINALLY and UNWIND_JUMP close only blocks that are open. Code no
    path reaches is not looked at (the VM never runs it).

    The depth is a least and not a single value because the compiler is not exact:

    - `break` or `continue` in the `else` of an `async for` jumps with the inner async
      iterator still on the stack (py/compile.c pops it only at the loop's normal end),
      so a join may be reached one item deeper on one path: a leak, which the VM's
      list-based stack absorbs, where an underflow never is.
    - a finally handler is entered with one more item when a return or break unwinds
      through it (value and marker instead of the exception); `async with` code tests for
      that case and takes a path only an unwind reaches, where a pop counted from the
      exception's entry underflows by one. On a path from the exception's entry into a
      finally (or with) handler, an underflow by one ends the path instead of failing
      (the VM raises if it ever happens).
    - the depth after a break or continue (UNWIND_JUMP) is what the finally handlers it
      runs leave. Its target is normally reached by the loop itself; code only a break
      reaches (after `while True:`) is followed with the depth outside the blocks left as
      an estimate, and there a disagreement ends the path instead of failing.
    """
    walk = _StackWalk(code, lim, fail)
    walk.run()
    if walk.deepest + n_locals <= lim.n_state:
        return walk.deepest
    return _deepest(code, walk.seen, lim, n_locals, fail)  # exact, from the least depths


class _StackWalk:
    """check_stack's walk over the paths: the state per instruction, the paths to follow."""

    def __init__(self, code: bytes, lim: CodeLimits, fail) -> None:
        n = len(code)
        self.code = code
        self.fail = fail
        self.n_exc = lim.n_exc_stack
        # per code byte, so the memory stays in proportion to the code: the least depth + 1
        # at each reached instruction (0: not reached), the id of its (blocks, collections)
        # in ``states`` and how often it was followed again
        self.seen = array("i", bytes(4 * n))
        self.state_id = array("i", bytes(4 * n))
        self.revisits = bytearray(n)
        self.ids: dict[tuple, int] = {((), ()): 0}
        self.states: list[tuple] = [((), ())]
        self.outside: dict[int, int] = {}  # handler -> the stack depth outside its block
        # at least the deepest stack; more if a leaking path came first (see check_stack)
        self.deepest = 0
        # a path is STRICT, or began at a finally handler's exception entry (BY_ONE: one item
        # may be missing), or is TENTATIVE (past an UNWIND_JUMP: nothing is known)
        self.work: list[tuple[int, int, tuple, tuple, int]] = [(0, 0, (), (), _STRICT)]
        self.unwinds: list[tuple[int, int, tuple, tuple]] = []  # UNWIND_JUMP edges, last

    def intern(self, blocks: tuple, colls: tuple) -> int:
        key = (blocks, colls)
        i = self.ids.get(key)
        if i is None:
            i = self.ids[key] = len(self.states)
            self.states.append(key)
        return i

    def run(self) -> None:
        work, unwinds, seen = self.work, self.unwinds, self.seen
        while work or unwinds:
            if not work:
                target, d, blocks, colls = unwinds.pop()
                if not seen[target]:
                    work.append((target, d, blocks, colls, _TENTATIVE))
                continue
            self.follow(*work.pop())

    def rejoin(self, ip: int, d: int, blocks: tuple, colls: tuple):
        """A path reaches an instruction seen before: None if there is nothing new to
        follow, else the (depth, collections) to follow it with again."""
        prior = self.seen[ip]
        known_blocks, known_colls = self.states[self.state_id[ip]]
        if known_blocks != blocks:
            raise self.fail("inconsistent state: open blocks differ from another path", ip)
        if colls != known_colls:
            colls = tuple(c for c in known_colls if c in colls)
        if prior <= d + 1 and colls == known_colls:
            return None
        # a shallower stack, or fewer collections, than before: follow it again
        self.revisits[ip] += 1
        if self.revisits[ip] > _MAX_REVISITS:
            raise self.fail("inconsistent state: the stack differs on too many paths", ip)
        return min(d, prior - 1), colls

    def follow(self, ip: int, d: int, blocks: tuple, colls: tuple, mode: int) -> None:
        """Follow one path from ``ip`` until it ends or joins a known state."""
        code, seen, state_id = self.code, self.seen, self.state_id
        tentative = mode == _TENTATIVE
        sid = self.intern(blocks, colls)
        while True:
            if seen[ip]:
                if tentative:
                    return
                again = self.rejoin(ip, d, blocks, colls)
                if again is None:
                    return
                d, colls = again
                sid = self.intern(blocks, colls)
            seen[ip] = d + 1
            state_id[ip] = sid
            op = code[ip]
            straight = _STRAIGHT[op]
            if straight is not None and straight[0] <= d:  # the common case, stepped over
                if colls and colls[-1][0] >= d - straight[3]:  # a collection consumed
                    colls = tuple(c for c in colls if c[0] < d - straight[3])
                    sid = self.intern(blocks, colls)
                d += straight[1] - straight[0]
                if d > self.deepest:
                    self.deepest = d
                ip += 1
                if straight[2]:
                    while code[ip] & 0x80:
                        ip += 1
                    ip += 1
                continue
            nxt_state = self.step(ip, d, blocks, colls, mode)
            if nxt_state is None:
                return
            ip, d, new_blocks, new_colls = nxt_state
            if new_blocks is not blocks or new_colls is not colls:
                blocks, colls = new_blocks, new_colls
                sid = self.intern(blocks, colls)

    def step(self, ip: int, d: int, blocks: tuple, colls: tuple, mode: int):
        """One instruction with a control-flow or collection effect: the state after it on
        the path followed (None if the path ends); other successors go on ``work``."""
        tentative = mode == _TENTATIVE
        op, arg, extra, nxt = _decode_at(self.code, ip)
        pops, pushes = _effect(op, arg, extra)
        flow = _FLOW[op]
        need = 4 if flow == _FL_FOR else pops
        if need > d:
            if tentative or mode == _BY_ONE and need == d + 1:
                self.seen[ip] = 0  # not known to run: leave it out of the depth check
                return None
            raise self.fail(f"{_NAME[op]} needs {need} stack items, {d} there", ip)
        name = _NAME[op]
        if name == "STORE_COMP":
            target = d - 1 - (arg >> 2)
            if (target, arg & 3) not in colls:
                raise self.fail(f"STORE_COMP adds to stack slot {target}, which holds no "
                                f"{('list', 'dict', 'set', '?')[arg & 3]} built here", ip)
        nd = d - pops + pushes
        if colls and colls[-1][0] >= d - pops:
            colls = tuple(c for c in colls if c[0] < d - pops)
        if name in _COMP_KIND and len(colls) < _MAX_COLLECTIONS:
            colls = colls + ((nd - 1, _COMP_KIND[name]),)
        if flow == _FL_FOR or flow == _FL_SETUP:  # the next item, the handler's exception
            self.deepest = max(self.deepest, d + 1)
        elif nd > self.deepest:
            self.deepest = nd
        if flow == _FL_NEXT:
            return nxt, nd, blocks, colls
        if flow == _FL_END:
            return None
        if flow == _FL_JUMP:
            return arg, nd, blocks, colls
        if flow == _FL_COND:
            self.work.append((arg, nd, blocks, colls, mode))
            return nxt, nd, blocks, colls
        if flow == _FL_OR_POP:
            self.work.append((arg, d, blocks, colls, mode))
            return nxt, d - 1, blocks, tuple(c for c in colls if c[0] < d - 1)
        if flow == _FL_FOR:
            self.work.append((arg, d - 4, blocks, tuple(c for c in colls if c[0] < d - 4), mode))
            return nxt, d + 1, blocks, colls
        return self.block_step(flow, name, ip, arg, extra, nxt, d, nd, blocks, colls, mode)

    def block_step(self, flow: int, name: str, ip: int, arg: int, extra: int, nxt: int, d: int,
                   nd: int, blocks: tuple, colls: tuple, mode: int):
        """SETUP_*, POP_EXCEPT_JUMP, END_FINALLY and UNWIND_JUMP: the exception-block stack."""
        tentative = mode == _TENTATIVE
        if flow == _FL_SETUP or flow == _FL_WITH:
            if len(blocks) >= self.n_exc:
                if tentative:
                    return None
                raise self.fail(f"{len(blocks) + 1} nested blocks exceed n_exc_stack "
                                f"{self.n_exc}", ip)
            depth_outside = d if flow == _FL_SETUP else d - 1
            if self.outside.get(arg, depth_outside) >= depth_outside:
                self.outside[arg] = depth_outside
            blocks = blocks + (arg,)
            handler_depth = nd if flow == _FL_WITH else d + 1
            handler_colls = tuple(c for c in colls if c[0] < handler_depth - 1)
            handler_mode = mode if name == "SETUP_EXCEPT" else max(mode, _BY_ONE)
            self.work.append((arg, handler_depth, blocks, handler_colls, handler_mode))
            return nxt, nd, blocks, colls
        if flow == _FL_POP_EXCEPT or flow == _FL_END_FINALLY:
            if not blocks:
                if tentative:
                    return None
                raise self.fail(f"{name} with no open block", ip)
            return (arg if flow == _FL_POP_EXCEPT else nxt), nd, blocks[:-1], colls
        # _FL_UNWIND
        count = extra & 0x7F
        if count > len(blocks):
            if tentative:
                return None
            raise self.fail(f"UNWIND_JUMP leaves {count} blocks, {len(blocks)} open", ip)
        estimate = max(self.outside[blocks[-count]] - (4 if extra & 0x80 else 0), 0)
        self.unwinds.append((arg, estimate, blocks[:-count],
                             tuple(c for c in colls if c[0] < estimate)))
        return None


def _deepest(code: bytes, seen: array, lim: CodeLimits, n_locals: int,
             fail: Callable[[str, int], Exception]) -> int:
    """The deepest stack any reached instruction leaves, at the least depth it runs at;
    it must fit in the state beside the locals."""
    room = lim.n_state - n_locals
    deepest = 0
    n = len(code)
    ip = 0
    while ip < n:
        op, arg, extra, nxt = _decode_at(code, ip)
        if seen[ip]:
            d = seen[ip] - 1
            pops, pushes = _effect(op, arg, extra)
            flow = _FLOW[op]
            nd = d + 1 if flow == _FL_FOR else d - pops + pushes
            if flow == _FL_SETUP:
                nd = d + 1  # the handler's entry
            if nd > deepest:
                deepest = nd
                if deepest > room:
                    raise fail(f"value stack of {deepest} and {n_locals} locals exceed the "
                               f"{lim.n_state}-slot state", ip)
        ip = nxt
    return deepest
