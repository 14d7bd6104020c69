"""MicroPython's argument conversions (int, float, str, buffer) shared by the pure guest modules.

Each helper raises the exception type and text that MicroPython's C helper of the same role
(`mp_obj_get_int`, `mp_obj_get_float`, `mp_get_buffer_raise`, ...) raises.
"""

from __future__ import annotations

_WORD_MIN = -(1 << 63)
_WORD_MAX = (1 << 63) - 1


def type_name(obj: object) -> str:
    """The type name MicroPython puts in error messages."""
    return type(obj).__name__


def get_int(obj: object) -> int:
    """mp_obj_get_int: an int or bool that fits a machine word."""
    if isinstance(obj, int):
        value = int(obj)
        if not _WORD_MIN <= value <= _WORD_MAX:
            raise OverflowError("overflow converting long int to machine word")
        return value
    raise TypeError(f"can't convert {type_name(obj)} to int")


def get_int_truncated(obj: object, bits: int = 64) -> int:
    """mp_obj_get_int_truncated: an int reduced modulo 2**bits (unsigned)."""
    if isinstance(obj, int):
        return int(obj) & ((1 << bits) - 1)
    raise TypeError(f"can't convert {type_name(obj)} to int")


def get_float(obj: object) -> float:
    """mp_obj_get_float: an int, bool or float."""
    if isinstance(obj, (int, float)):
        try:
            return float(obj)
        except OverflowError:
            # MicroPython converts a huge int to an infinity rather than failing.
            return float("inf") if obj > 0 else float("-inf")
    raise TypeError(f"can't convert {type_name(obj)} to float")


def get_str(obj: object) -> str:
    """A str argument (MicroPython's implicit str conversion refuses everything else)."""
    if isinstance(obj, str):
        return obj
    raise TypeError(f"can't convert '{type_name(obj)}' object to str implicitly")


def buffer_of(obj: object, writable: bool = False) -> bytes | bytearray | memoryview | None:
    """The raw bytes behind a guest buffer object, or None when it has no buffer.

    MicroPython's buffer protocol covers bytes, bytearray, memoryview, array (through its
    `__jitvm_buffer__` hook) and, read-only, str.
    """
    hook = getattr(type(obj), "__jitvm_buffer__", None)
    if hook is not None:
        return hook(obj)
    if isinstance(obj, bytearray):
        return obj
    if isinstance(obj, memoryview):
        if writable and obj.readonly:
            return None
        return obj.cast("B") if obj.format != "B" or obj.ndim != 1 else obj
    if writable:
        return None
    if isinstance(obj, bytes):
        return obj
    if isinstance(obj, str):
        return obj.encode()
    return None


def require_buffer(obj: object, writable: bool = False) -> bytes | bytearray | memoryview:
    """buffer_of, raising MicroPython's TypeError when there is no buffer."""
    buf = buffer_of(obj, writable)
    if buf is None:
        raise TypeError("object with buffer protocol required")
    return buf
