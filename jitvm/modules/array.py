"""Guest module `array`: MicroPython's typed array over a byte buffer.

Layout follows MicroPython on a 64-bit unix build (the reference binary): 'l', 'L', 'q', 'Q'
and 'P' are 8 bytes, 'i'/'I' 4, 'f' a float32. Items are stored little-endian in a bytearray,
so struct, binascii, hashlib and the VM's memoryview can share the raw bytes through
the `__jitvm_buffer__` hook (see `_stdconv.buffer_of`).
"""

from __future__ import annotations

import struct as _struct

from jitvm.modules._stdconv import buffer_of, check_fits, require_buffer, type_name

__all__ = ["array"]

_NO_ARG = object()  # distinguishes array('i') from array('i', None)

# typecode -> (struct code, size, is_float)
_TYPES: dict[str, tuple[str, int, bool]] = {
    "b": ("b", 1, False),
    "B": ("B", 1, False),
    "h": ("h", 2, False),
    "H": ("H", 2, False),
    "i": ("i", 4, False),
    "I": ("I", 4, False),
    "l": ("q", 8, False),
    "L": ("Q", 8, False),
    "q": ("q", 8, False),
    "Q": ("Q", 8, False),
    "P": ("Q", 8, False),
    "O": ("O", 8, False),  # object references (MICROPY_PY_STRUCT_UNSAFE_TYPECODES)
    "S": ("O", 8, False),  # pointers to strings: kept as object references
    "f": ("f", 4, True),
    "d": ("d", 8, True),
}


def _wrap_int(value: int, code: str, size: int) -> int:
    """Truncate an int to the item width, as MicroPython stores it (no overflow error)."""
    bits = size * 8
    value &= (1 << bits) - 1
    if code.islower() and value >= 1 << (bits - 1):
        value -= 1 << bits
    return value


def _float32(value: float) -> float:
    try:
        return _struct.unpack("<f", _struct.pack("<f", value))[0]
    except OverflowError:
        return float("inf") if value > 0 else float("-inf")


class array:
    __guest_subclassable__ = True
    """array(typecode[, iterable]): a compact sequence of numbers of one C type."""

    __slots__ = ("_buf", "_code", "_float", "_size", "_tc", "_refs")

    def __init__(self, typecode: str, initializer: object = _NO_ARG) -> None:
        if not isinstance(typecode, str):
            raise TypeError(f"can't convert '{type_name(typecode)}' object to str implicitly")
        # MicroPython only looks at the first character of the typecode string.
        tc = typecode[:1]
        if tc not in _TYPES:
            raise ValueError("bad typecode")
        self._tc = tc
        self._code, self._size, self._float = _TYPES[tc]
        self._buf = bytearray()
        self._refs: list = []  # 'O'/'S' items: the buffer holds their index here
        if initializer is _NO_ARG:
            return
        if isinstance(initializer, (bytes, bytearray)):
            # Raw copy of whole items, as MicroPython does for bytes/bytearray initializers.
            usable = len(initializer) // self._size * self._size
            self._buf += initializer[:usable]
        else:
            self._extend_items(initializer)

    # --- conversion between guest values and raw bytes -------------------------------------
    def _pack(self, value: object) -> bytes:
        if self._code == "O":  # an object: its slot in _refs (the pointer MicroPython stores)
            self._refs.append(value)
            return _struct.pack("<Q", len(self._refs) - 1)
        if self._float:
            if isinstance(value, (int, float)) and not isinstance(value, complex):
                return _struct.pack("<" + self._code, _clamp_float(float(value), self._code))
            raise TypeError(f"can't convert {type_name(value)} to float")
        if isinstance(value, int):
            check_fits(int(value), self._size, self._code.islower())
            return _struct.pack("<" + self._code, _wrap_int(int(value), self._code, self._size))
        raise TypeError(f"can't convert {type_name(value)} to int")

    def _unpack(self, index: int) -> int | float:
        start = index * self._size
        if self._code == "O":
            return self._refs[_struct.unpack_from("<Q", self._buf, start)[0]]
        return _struct.unpack_from("<" + self._code, self._buf, start)[0]

    def _extend_items(self, items: object) -> None:
        try:
            it = iter(items)  # type: ignore[call-overload]
        except TypeError:
            raise TypeError(f"'{type_name(items)}' object isn't iterable") from None
        for value in it:
            self._buf += self._pack(value)

    def __jitvm_buffer__(self) -> bytearray:
        return self._buf

    def __bytes__(self) -> bytes:  # bytes(arr) is the raw buffer, as in MicroPython
        return bytes(self._buf)

    # --- guest API ---------------------------------------------------------------------------
    def append(self, value: object) -> None:
        self._buf += self._pack(value)

    def extend(self, iterable: object) -> None:
        raw = buffer_of(iterable)
        if raw is not None:
            # Buffers are appended as raw bytes; a partial trailing item is dropped.
            usable = len(raw) // self._size * self._size
            self._buf += bytes(raw[:usable])
        else:
            self._extend_items(iterable)

    def __len__(self) -> int:
        return len(self._buf) // self._size

    def _index(self, index: object) -> int:
        if not isinstance(index, int):
            raise TypeError(f"array indices must be integers, not {type_name(index)}")
        n = len(self)
        i = index + n if index < 0 else index
        if not 0 <= i < n:
            raise IndexError("array index out of range")
        return i

    def _slice_range(self, s: slice) -> tuple[int, int]:
        if s.step not in (None, 1):
            raise NotImplementedError("only slices with step=1 (aka None) are supported")
        start, stop, _ = s.indices(len(self))
        return start, max(start, stop)

    def __getitem__(self, index: object) -> object:
        if isinstance(index, slice):
            start, stop = self._slice_range(index)
            out = array(self._tc)
            out._buf = self._buf[start * self._size : stop * self._size]
            return out
        return self._unpack(self._index(index))

    def __setitem__(self, index: object, value: object) -> None:
        if isinstance(index, slice):
            start, stop = self._slice_range(index)
            if isinstance(value, array):
                if value._size != self._size:
                    raise ValueError("lhs and rhs should be compatible")
                raw = bytes(value._buf)
            elif isinstance(value, (bytes, bytearray)):
                if self._size != 1:
                    raise ValueError("lhs and rhs should be compatible")
                raw = bytes(value)
            else:
                raise NotImplementedError("array/bytes required on right side")
            self._buf[start * self._size : stop * self._size] = raw
            return
        i = self._index(index)
        self._buf[i * self._size : (i + 1) * self._size] = self._pack(value)

    def __delitem__(self, index: object) -> None:
        raise TypeError("'array' object doesn't support item deletion")

    def __iter__(self):
        for i in range(len(self)):
            yield self._unpack(i)

    def __add__(self, other: object) -> array:
        raw = require_buffer(other)
        out = array(self._tc)
        out._buf = bytearray(self._buf)
        out.extend(bytes(raw))
        return out

    def __radd__(self, other: object) -> bytes:
        # bytes + array: MicroPython concatenates the raw buffers into bytes
        return bytes(require_buffer(other)) + bytes(self._buf)

    def __iadd__(self, other: object) -> array:  # noqa: PYI034
        self.extend(bytes(require_buffer(other)))
        return self

    def __mul__(self, n: object) -> array:
        """CircuitPython's array repetition (``array * int``; MicroPython has none)."""
        if not isinstance(n, int) or not _circuitpython():
            return NotImplemented
        out = array(self._tc)
        out._buf = bytearray(self._buf) * max(0, int(n))
        return out

    __rmul__ = __mul__

    def __imul__(self, n: object) -> array:  # noqa: PYI034
        if not isinstance(n, int) or not _circuitpython():
            return NotImplemented
        self._buf[:] = bytes(self._buf) * max(0, int(n))
        return self

    def _compare(self, other: object, op: str) -> bool:
        """objarray.c: the raw bytes compare when both typecodes are one letter apart from
        case (a bytes-like object counts as 'B'), not floats, and for an ordering unsigned;
        any other buffer pairing is NotImplementedError, a non-buffer compares False."""
        if isinstance(other, array):
            theirs, raw = other._tc, bytes(other._buf)
        elif isinstance(other, (bytes, bytearray, memoryview, str)):
            theirs = "B"
            raw = other.encode() if isinstance(other, str) else bytes(other)
        else:
            return False
        unsigned = self._tc.isupper() or theirs.isupper() or "P" in (self._tc, theirs)
        mine_l, theirs_l = self._tc.lower(), theirs.lower()
        if mine_l != theirs_l or mine_l in "fd" or (op != "==" and not unsigned):
            raise NotImplementedError
        mine = bytes(self._buf)
        return {"==": mine == raw, "<": mine < raw, "<=": mine <= raw, ">": mine > raw,
                ">=": mine >= raw}[op]

    def __eq__(self, other: object) -> bool:
        # array's type lacks MP_TYPE_FLAG_EQ_CHECKS_OTHER_TYPE: only an array, or a type that
        # has it (bytearray, memoryview), gets compared; bytes and the rest are simply unequal
        if not isinstance(other, (array, bytearray, memoryview)):
            return False
        return self._compare(other, "==")

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    def __lt__(self, other: object) -> bool:
        return self._compare(other, "<")

    def __le__(self, other: object) -> bool:
        return self._compare(other, "<=")

    def __gt__(self, other: object) -> bool:
        return self._compare(other, ">")

    def __ge__(self, other: object) -> bool:
        return self._compare(other, ">=")

    def __contains__(self, item: object) -> bool:
        # MicroPython: a buffer is searched for as raw bytes, a number is not supported,
        # anything else is simply not contained
        if isinstance(item, (int, float)):
            raise NotImplementedError
        hook = getattr(type(item), "__jitvm_buffer__", None)
        if hook is not None:
            return bytes(hook(item)) in bytes(self._buf)
        if isinstance(item, (bytes, bytearray, memoryview)):
            return bytes(item) in bytes(self._buf)
        return False

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        if not self._buf:
            return f"array('{self._tc}')"
        return f"array('{self._tc}', [{', '.join(repr(v) for v in self)}])"


def _clamp_float(value: float, code: str) -> float:
    # struct refuses out-of-range float32 values; MicroPython stores infinity instead.
    if code == "f":
        return _float32(value)
    return value


def _circuitpython() -> bool:
    from jitvm.modules import _hw

    return _hw.flavor() == "circuitpython"
