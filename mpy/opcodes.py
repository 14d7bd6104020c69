"""The .mpy v6 bytecode opcode table, as data: the single source of truth.

Every opcode is described once (name, byte value or range, argument kind). The reader,
the disassembler, the interpreter's dispatch and the JIT derive from this table.
Facts from MicroPython's ``py/bc0.h`` and ``py/runtime0.h`` (same in CircuitPython).
"""

from __future__ import annotations

from enum import Enum

from ._record import FrozenRecord


class Arg(Enum):
    """The kind of the argument an opcode carries after its byte."""

    NONE = "none"  # no argument
    QSTR = "qstr"  # vuint index into the module's qstr table
    UINT = "uint"  # vuint
    SINT = "sint"  # signed vuint (LOAD_CONST_SMALL_INT)
    CONST = "const"  # vuint index into the module's object table
    CHILD = "child"  # vuint index into the function's children
    JUMP = "jump"  # signed relative offset, 1 or 2 bytes
    UJUMP = "ujump"  # unsigned relative offset, 1 or 2 bytes


class OpInfo(FrozenRecord):
    _fields = ("name", "byte", "count", "arg", "extra_byte")

    def __init__(self, name: str, byte: int, count: int = 1, arg: Arg = Arg.NONE,
                 extra_byte: bool = False) -> None:
        setattr_ = object.__setattr__
        setattr_(self, "name", name)
        setattr_(self, "byte", byte)  # first byte value
        setattr_(self, "count", count)  # >1 for the *_MULTI ranges
        setattr_(self, "arg", arg)
        setattr_(self, "extra_byte", extra_byte)  # MAKE_CLOSURE[_DEFARGS], UNWIND_JUMP

    def in_range(self, op: int) -> bool:
        return self.byte <= op < self.byte + self.count


UNARY_OPS: tuple[str, ...] = ("POSITIVE", "NEGATIVE", "INVERT", "NOT")
UNARY_OP_SYMBOLS: tuple[str, ...] = ("+", "-", "~", "not")

BINARY_OPS: tuple[str, ...] = (
    "LESS", "MORE", "EQUAL", "LESS_EQUAL", "MORE_EQUAL", "NOT_EQUAL", "IN", "IS",
    "EXCEPTION_MATCH",
    "INPLACE_OR", "INPLACE_XOR", "INPLACE_AND", "INPLACE_LSHIFT", "INPLACE_RSHIFT",
    "INPLACE_ADD", "INPLACE_SUBTRACT", "INPLACE_MULTIPLY", "INPLACE_MAT_MULTIPLY",
    "INPLACE_FLOOR_DIVIDE", "INPLACE_TRUE_DIVIDE", "INPLACE_MODULO", "INPLACE_POWER",
    "OR", "XOR", "AND", "LSHIFT", "RSHIFT", "ADD", "SUBTRACT", "MULTIPLY",
    "MAT_MULTIPLY", "FLOOR_DIVIDE", "TRUE_DIVIDE", "MODULO", "POWER",
)
BINARY_OP_SYMBOLS: tuple[str, ...] = (
    "<", ">", "==", "<=", ">=", "!=", "in", "is", "exception match",
    "|=", "^=", "&=", "<<=", ">>=", "+=", "-=", "*=", "@=", "//=", "/=", "%=", "**=",
    "|", "^", "&", "<<", ">>", "+", "-", "*", "@", "//", "/", "%", "**",
)

SMALL_INT_MULTI_EXCESS = 16  # LOAD_CONST_SMALL_INT_MULTI value = op - 0x70 - 16

_Q, _U, _S, _C, _K, _J, _UJ = Arg.QSTR, Arg.UINT, Arg.SINT, Arg.CONST, Arg.CHILD, Arg.JUMP, Arg.UJUMP

OPCODES: tuple[OpInfo, ...] = (
    # 0x10: qstr argument
    OpInfo("LOAD_CONST_STRING", 0x10, arg=_Q),
    OpInfo("LOAD_NAME", 0x11, arg=_Q),
    OpInfo("LOAD_GLOBAL", 0x12, arg=_Q),
    OpInfo("LOAD_ATTR", 0x13, arg=_Q),
    OpInfo("LOAD_METHOD", 0x14, arg=_Q),
    OpInfo("LOAD_SUPER_METHOD", 0x15, arg=_Q),
    OpInfo("STORE_NAME", 0x16, arg=_Q),
    OpInfo("STORE_GLOBAL", 0x17, arg=_Q),
    OpInfo("STORE_ATTR", 0x18, arg=_Q),
    OpInfo("DELETE_NAME", 0x19, arg=_Q),
    OpInfo("DELETE_GLOBAL", 0x1A, arg=_Q),
    OpInfo("IMPORT_NAME", 0x1B, arg=_Q),
    OpInfo("IMPORT_FROM", 0x1C, arg=_Q),
    # 0x20: vuint argument
    OpInfo("MAKE_CLOSURE", 0x20, arg=_K, extra_byte=True),
    OpInfo("MAKE_CLOSURE_DEFARGS", 0x21, arg=_K, extra_byte=True),
    OpInfo("LOAD_CONST_SMALL_INT", 0x22, arg=_S),
    OpInfo("LOAD_CONST_OBJ", 0x23, arg=_C),
    OpInfo("LOAD_FAST_N", 0x24, arg=_U),
    OpInfo("LOAD_DEREF", 0x25, arg=_U),
    OpInfo("STORE_FAST_N", 0x26, arg=_U),
    OpInfo("STORE_DEREF", 0x27, arg=_U),
    OpInfo("DELETE_FAST", 0x28, arg=_U),
    OpInfo("DELETE_DEREF", 0x29, arg=_U),
    OpInfo("BUILD_TUPLE", 0x2A, arg=_U),
    OpInfo("BUILD_LIST", 0x2B, arg=_U),
    OpInfo("BUILD_MAP", 0x2C, arg=_U),
    OpInfo("BUILD_SET", 0x2D, arg=_U),
    OpInfo("BUILD_SLICE", 0x2E, arg=_U),
    OpInfo("STORE_COMP", 0x2F, arg=_U),
    # 0x30: vuint argument
    OpInfo("UNPACK_SEQUENCE", 0x30, arg=_U),
    OpInfo("UNPACK_EX", 0x31, arg=_U),
    OpInfo("MAKE_FUNCTION", 0x32, arg=_K),
    OpInfo("MAKE_FUNCTION_DEFARGS", 0x33, arg=_K),
    OpInfo("CALL_FUNCTION", 0x34, arg=_U),
    OpInfo("CALL_FUNCTION_VAR_KW", 0x35, arg=_U),
    OpInfo("CALL_METHOD", 0x36, arg=_U),
    OpInfo("CALL_METHOD_VAR_KW", 0x37, arg=_U),
    # 0x40: jump offset argument
    OpInfo("UNWIND_JUMP", 0x40, arg=_J, extra_byte=True),
    OpInfo("JUMP", 0x42, arg=_J),
    OpInfo("POP_JUMP_IF_TRUE", 0x43, arg=_J),
    OpInfo("POP_JUMP_IF_FALSE", 0x44, arg=_J),
    OpInfo("JUMP_IF_TRUE_OR_POP", 0x45, arg=_UJ),
    OpInfo("JUMP_IF_FALSE_OR_POP", 0x46, arg=_UJ),
    OpInfo("SETUP_WITH", 0x47, arg=_UJ),
    OpInfo("SETUP_EXCEPT", 0x48, arg=_UJ),
    OpInfo("SETUP_FINALLY", 0x49, arg=_UJ),
    OpInfo("POP_EXCEPT_JUMP", 0x4A, arg=_UJ),
    OpInfo("FOR_ITER", 0x4B, arg=_UJ),
    # 0x50: no argument
    OpInfo("LOAD_CONST_FALSE", 0x50),
    OpInfo("LOAD_CONST_NONE", 0x51),
    OpInfo("LOAD_CONST_TRUE", 0x52),
    OpInfo("LOAD_NULL", 0x53),
    OpInfo("LOAD_BUILD_CLASS", 0x54),
    OpInfo("LOAD_SUBSCR", 0x55),
    OpInfo("STORE_SUBSCR", 0x56),
    OpInfo("DUP_TOP", 0x57),
    OpInfo("DUP_TOP_TWO", 0x58),
    OpInfo("POP_TOP", 0x59),
    OpInfo("ROT_TWO", 0x5A),
    OpInfo("ROT_THREE", 0x5B),
    OpInfo("WITH_CLEANUP", 0x5C),
    OpInfo("END_FINALLY", 0x5D),
    OpInfo("GET_ITER", 0x5E),
    OpInfo("GET_ITER_STACK", 0x5F),
    # 0x60: no argument
    OpInfo("STORE_MAP", 0x62),
    OpInfo("RETURN_VALUE", 0x63),
    OpInfo("RAISE_LAST", 0x64),
    OpInfo("RAISE_OBJ", 0x65),
    OpInfo("RAISE_FROM", 0x66),
    OpInfo("YIELD_VALUE", 0x67),
    OpInfo("YIELD_FROM", 0x68),
    OpInfo("IMPORT_STAR", 0x69),
    # multi-opcodes: the value is encoded in the opcode byte
    OpInfo("LOAD_CONST_SMALL_INT_MULTI", 0x70, count=64),
    OpInfo("LOAD_FAST_MULTI", 0xB0, count=16),
    OpInfo("STORE_FAST_MULTI", 0xC0, count=16),
    OpInfo("UNARY_OP_MULTI", 0xD0, count=len(UNARY_OPS)),
    OpInfo("BINARY_OP_MULTI", 0xD7, count=len(BINARY_OPS)),
)



def _by_byte() -> tuple[OpInfo | None, ...]:
    table: list[OpInfo | None] = [None] * 256
    for o in OPCODES:
        for b in range(o.byte, o.byte + o.count):
            if table[b] is None:  # the first entry covering a byte wins (_check_table: one)
                table[b] = o
    return tuple(table)


# byte value -> OpInfo (None for bytes that are not opcodes)
BY_BYTE: tuple[OpInfo | None, ...] = _by_byte()
BY_NAME: dict[str, OpInfo] = {o.name: o for o in OPCODES}


def multi_value(info: OpInfo, op: int) -> int:
    """The value a *_MULTI opcode byte encodes (small int, local number, or op index)."""
    v = op - info.byte
    if info.name == "LOAD_CONST_SMALL_INT_MULTI":
        return v - SMALL_INT_MULTI_EXCESS
    return v


def _check_table() -> None:
    seen: dict[int, str] = {}
    for o in OPCODES:
        for b in range(o.byte, o.byte + o.count):
            assert b not in seen, (o.name, seen.get(b))
            seen[b] = o.name
        # the high nibble decides the argument format in the real VM; keep the table honest
        fmt = (0x000003A4 >> (2 * (o.byte >> 4))) & 3
        expected = {0: (Arg.NONE,), 1: (Arg.QSTR,), 2: (Arg.UINT, Arg.SINT, Arg.CONST, Arg.CHILD),
                    3: (Arg.JUMP, Arg.UJUMP)}[fmt]
        assert o.count > 1 or o.arg in expected, o.name
        assert o.extra_byte == ((o.byte & 0x9E) == 0 and o.count == 1), o.name


_check_table()
