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
    """mp_obj_get_float: an int, bool or float, or an instance of a guest class with
    __float__ (MicroPython asks its __float__ as CPython does)."""
    if isinstance(obj, (int, float)):
        try:
            return float(obj)
        except OverflowError:
            # MicroPython converts a huge int to an infinity rather than failing.
            return float("inf") if obj > 0 else float("-inf")
    v = _dunder(obj, "__float__")
    if isinstance(v, float):
        return v
    raise TypeError(f"can't convert {type_name(obj)} to float")


def get_complex(obj: object) -> complex:
    """mp_obj_get_complex: a number, or a guest object with __complex__ (then __float__)."""
    if isinstance(obj, complex):
        return obj
    if isinstance(obj, (int, float)):
        return complex(get_float(obj), 0.0)
    v = _dunder(obj, "__complex__")
    if isinstance(v, complex):
        return v
    v = _dunder(obj, "__float__")
    if isinstance(v, float):
        return complex(v, 0.0)
    raise TypeError(f"can't convert {type_name(obj)} to complex")


def _dunder(obj: object, name: str):
    """The result of a guest class's own special method ``name`` (None if it has none):
    only for classes the guest made, so no host machinery is reached this way."""
    from ..objects import GuestType

    cls = type(obj)
    if type(cls) is not GuestType:
        return None
    for k in cls.__mro__:
        m = k.__dict__.get(name)
        if m is not None:
            return m(obj)
    return None


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


_hw = None


def check_fits(value: int, size: int, signed: bool) -> None:
    """CircuitPython range-checks the ints it stores in arrays and packs with struct
    (OverflowError); MicroPython truncates them, so under it this does nothing."""
    global _hw
    if _hw is None:  # imported on first use (it brings the VM's executor along)
        from jitvm.modules import _hw
    if _hw.flavor() != "circuitpython":
        return
    bits = 8 * size
    lo, hi = (-(1 << (bits - 1)), 1 << (bits - 1)) if signed else (0, 1 << bits)
    if not lo <= value < hi:
        raise OverflowError(f"value must fit in {size} byte(s)")


def not_unicode_on_circuitpython(obj: object) -> None:
    """CircuitPython's check_not_unicode (binascii's b2a_base64/crc32, hashlib.sha256): a str
    is refused there, where MicroPython reads its bytes."""
    if isinstance(obj, str):
        from jitvm.modules import _hw

        if _hw.flavor() == "circuitpython":
            raise TypeError("a bytes-like object is required")
