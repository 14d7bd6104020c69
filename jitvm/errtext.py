"""MicroPython's wording for errors a host operator raises, rebuilt from the operands.

A host message such as "can't multiply sequence by non-int of type 'str'" does not name
both operand types, which MicroPython's "unsupported types for __mul__: 'str', 'str'" does;
the operands are still at hand where the instruction ran, so the message is rebuilt there.
"""

from __future__ import annotations

from .gexc import GUEST_EXC

BINARY_METHODS = (
    "__lt__", "__gt__", "__eq__", "__le__", "__ge__", "__ne__", None, None, None,
    "__ior__", "__ixor__", "__iand__", "__ilshift__", "__irshift__", "__iadd__", "__isub__",
    "__imul__", "__imatmul__", "__ifloordiv__", "__itruediv__", "__imod__", "__ipow__",
    "__or__", "__xor__", "__and__", "__lshift__", "__rshift__", "__add__", "__sub__", "__mul__",
    "__matmul__", "__floordiv__", "__truediv__", "__mod__", "__pow__",
)
_OPERAND_MESSAGES = ("unsupported operand type", "can't multiply sequence", "can only concatenate",
                     "not supported between instances", "can't concat")


def binary_op_error(e: BaseException, op: int, lhs, rhs) -> BaseException | None:
    """The MicroPython TypeError for an unsupported binary op, or None to keep ``e``."""
    if type(e) is not TypeError or op >= len(BINARY_METHODS) or BINARY_METHODS[op] is None:
        return None
    text = str(e)
    if not any(m in text for m in _OPERAND_MESSAGES):
        return None
    return GUEST_EXC["TypeError"](
        f"unsupported types for {BINARY_METHODS[op]}: '{type(lhs).__name__}', '{type(rhs).__name__}'")


def subscript_error(e: BaseException, container, key) -> BaseException | None:
    """MicroPython looks nothing up in an empty dict, so an unhashable key is a KeyError there."""
    if type(e) is TypeError and type(container) is dict and not container and "unhashable" in str(e):
        return GUEST_EXC["KeyError"](key)
    return None


def store_subscr_error(e: BaseException, container) -> BaseException | None:
    """A guest-visible class without __setitem__/__delitem__: the host says AttributeError,
    MicroPython "'X' object doesn't support item assignment/deletion" (a TypeError)."""
    if type(e) is AttributeError and e.args and e.args[0] in ("__setitem__", "__delitem__"):
        verb = "deletion" if e.args[0] == "__delitem__" else "assignment"
        return GUEST_EXC["TypeError"](
            f"'{type(container).__name__}' object doesn't support item {verb}")
    return None


def refine(e: BaseException, op_name: str | None, arg, operands: list) -> BaseException | None:
    if op_name == "BINARY_OP_MULTI" and len(operands) == 2:
        return binary_op_error(e, arg, operands[0], operands[1])
    if op_name == "LOAD_SUBSCR" and len(operands) == 2:
        return subscript_error(e, operands[0], operands[1])
    if op_name == "STORE_SUBSCR" and len(operands) == 2:
        return store_subscr_error(e, operands[0])
    return None
