"""Guest module `array`: MicroPython's typed array over a byte buffer.

Layout follows MicroPython on a 64-bit unix build (the reference binary): 'l', 'L', 'q', 'Q'
and 'P' are 8 bytes, 'i'/'I' 4, 'f' a float32. Items are stored little-endian in a bytearray,
so struct, binascii, hashlib and the VM's memoryview can share the raw bytes through
the `__jitvm_buffer__` hook (see `_stdconv.buffer_of`).
"""

from __future__ import annotations

import array as _host_array
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


_HOST_CODES = {"O": "Q"}  # host array typecode where the struct code is not one


class array(_host_array.array):
    """array(typecode[, iterable]): a compact sequence of numbers of one C type.

    The items live in a host ``array.array`` of the same layout (so the guest's
    ``bytearray(a)``, ``b"" in``/``==``, ``str(a, enc)`` and ``memoryview(a)`` see its raw
    bytes, as MicroPython's buffer protocol gives them); the methods below give MicroPython's
    semantics on top: its typecodes ('O', 'S', 8-byte 'l'/'L'/'P'), ints truncated to the item
    width, its comparisons and errors."""

    __guest_subclassable__ = True
    __guest_names__ = ("append", "extend")  # MicroPython's locals; the host array's stay hidden
    __slots__ = ("_code", "_float", "_size", "_tc", "_refs")

    def __new__(cls, typecode: str = "", initializer: object = _NO_ARG, *rest):
        if not isinstance(typecode, str):
            raise TypeError(f"can't convert '{type_name(typecode)}' object to str implicitly")
        # MicroPython only looks at the first character of the typecode string.
        tc = typecode[:1]
        if tc not in _TYPES:
            raise ValueError("bad typecode")
        code, size, is_float = _TYPES[tc]
        self = _host_array.array.__new__(cls, _HOST_CODES.get(code, code))
        self._tc, self._code, self._size, self._float = tc, code, size, is_float
        self._refs: list = []  # 'O'/'S' items: the array holds their index here
        return self

    def __init__(self, typecode: str = "", initializer: object = _NO_ARG, *rest) -> None:
        if initializer is _NO_ARG:
            return
        if isinstance(initializer, (bytes, bytearray)):
            # Raw copy of whole items, as MicroPython does for bytes/bytearray initializers.
            self._put_raw(bytes(initializer))
        else:
            self._extend_items(initializer)

    # --- storage -------------------------------------------------------------------------
    def _raw(self, start: int = 0, stop: int | None = None) -> bytes:
        """The raw bytes of items start..stop."""
        n = _len(self)
        stop = n if stop is None else stop
        return _host_array.array.tobytes(_host_array.array.__getitem__(self, slice(start, stop)))

    def _put_raw(self, raw: bytes) -> None:
        """Append the whole items of ``raw`` (a partial trailing item is dropped)."""
        usable = len(raw) // self._size * self._size
        _host_array.array.frombytes(self, raw[:usable])

    def _replace_raw(self, start: int, stop: int, raw: bytes) -> None:
        host = _host_array.array(self.host_typecode())
        host.frombytes(raw)
        _host_array.array.__setitem__(self, slice(start, stop), host)

    def host_typecode(self) -> str:
        return _HOST_CODES.get(self._code, self._code)

    # --- conversion between guest values and stored items ------------------------------------
    def _pack(self, value: object):
        if self._code == "O":  # an object: its slot in _refs (the pointer MicroPython stores)
            self._refs.append(value)
            return len(self._refs) - 1
        if self._float:
            if isinstance(value, (int, float)) and not isinstance(value, complex):
                return _clamp_float(float(value), self._code)
            raise TypeError(f"can't convert {type_name(value)} to float")
        if isinstance(value, int):
            check_fits(int(value), self._size, self._code.islower())
            return _wrap_int(int(value), self._code, self._size)
        raise TypeError(f"can't convert {type_name(value)} to int")

    def _unpack(self, index: int) -> int | float:
        item = _host_array.array.__getitem__(self, index)
        return self._refs[item] if self._code == "O" else item

    def _extend_items(self, items: object) -> None:
        try:
            it = iter(items)  # type: ignore[call-overload]
        except TypeError:
            raise TypeError(f"'{type_name(items)}' object isn't iterable") from None
        for value in it:
            _host_array.array.append(self, self._pack(value))

    def __jitvm_buffer__(self) -> memoryview:
        return memoryview(self).cast("B")

    def __bytes__(self) -> bytes:  # bytes(arr) is the raw buffer, as in MicroPython
        return self._raw()

    # --- guest API ---------------------------------------------------------------------------
    def append(self, value: object) -> None:
        _host_array.array.append(self, self._pack(value))

    def extend(self, iterable: object) -> None:
        raw = buffer_of(iterable)
        if raw is not None:
            # Buffers are appended as raw bytes; a partial trailing item is dropped.
            self._put_raw(bytes(raw))
        else:
            self._extend_items(iterable)

    def __len__(self) -> int:
        return _len(self)

    def _index(self, index: object) -> int:
        if not isinstance(index, int):
            raise TypeError(f"array indices must be integers, not {type_name(index)}")
        n = _len(self)
        i = index + n if index < 0 else index
        if not 0 <= i < n:
            raise IndexError("array index out of range")
        return i

    def _slice_range(self, s: slice) -> tuple[int, int]:
        if s.step not in (None, 1):
            raise NotImplementedError("only slices with step=1 (aka None) are supported")
        start, stop, _ = s.indices(_len(self))
        return start, max(start, stop)

    def _new_like(self, raw: bytes = b"") -> array:
        out = array(self._tc)
        out._refs = list(self._refs)
        out._put_raw(raw)
        return out

    def __getitem__(self, index: object) -> object:
        if isinstance(index, slice):
            start, stop = self._slice_range(index)
            return self._new_like(self._raw(start, stop))
        return self._unpack(self._index(index))

    def __setitem__(self, index: object, value: object) -> None:
        if isinstance(index, slice):
            start, stop = self._slice_range(index)
            if isinstance(value, array):
                if value._size != self._size:
                    raise ValueError("lhs and rhs should be compatible")
                raw = value._raw()
            elif isinstance(value, (bytes, bytearray)):
                if self._size != 1:
                    raise ValueError("lhs and rhs should be compatible")
                raw = bytes(value)
            else:
                raise NotImplementedError("array/bytes required on right side")
            self._replace_raw(start, stop, raw)
            return
        _host_array.array.__setitem__(self, self._index(index), self._pack(value))

    def __delitem__(self, index: object) -> None:
        raise TypeError("'array' object doesn't support item deletion")

    def __iter__(self):
        for i in range(_len(self)):
            yield self._unpack(i)

    def __add__(self, other: object) -> array:
        raw = require_buffer(other)
        return self._new_like(self._raw() + bytes(raw))

    def __radd__(self, other: object) -> bytes:
        # bytes + array: MicroPython concatenates the raw buffers into bytes
        return bytes(require_buffer(other)) + self._raw()

    def __iadd__(self, other: object) -> array:  # noqa: PYI034
        self.extend(bytes(require_buffer(other)))
        return self

    def __mul__(self, n: object) -> array:
        """CircuitPython's array repetition (``array * int``; MicroPython has none)."""
        if not isinstance(n, int) or not _circuitpython():
            return NotImplemented
        return self._new_like(self._raw() * max(0, int(n)))

    __rmul__ = __mul__

    def __imul__(self, n: object) -> array:  # noqa: PYI034
        if not isinstance(n, int) or not _circuitpython():
            return NotImplemented
        raw = self._raw() * max(0, int(n))
        self._replace_raw(0, _len(self), raw)
        return self

    def _compare(self, other: object, op: str) -> bool:
        """objarray.c: the raw bytes compare when both typecodes are one letter apart from
        case (a bytes-like object counts as 'B'), not floats, and for an ordering unsigned;
        any other buffer pairing is NotImplementedError, a non-buffer compares False."""
        if isinstance(other, array):
            theirs, raw = other._tc, other._raw()
        elif isinstance(other, (bytes, bytearray, memoryview, str)):
            theirs = "B"
            raw = other.encode() if isinstance(other, str) else bytes(other)
        else:
            return False
        unsigned = self._tc.isupper() or theirs.isupper() or "P" in (self._tc, theirs)
        mine_l, theirs_l = self._tc.lower(), theirs.lower()
        if mine_l != theirs_l or mine_l in "fd" or (op != "==" and not unsigned):
            raise NotImplementedError
        mine = self._raw()
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
            return bytes(hook(item)) in self._raw()
        if isinstance(item, (bytes, bytearray, memoryview)):
            return bytes(item) in self._raw()
        return False

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        if not _len(self):
            return f"array('{self._tc}')"
        return f"array('{self._tc}', [{', '.join(repr(v) for v in self)}])"

    def __reduce_ex__(self, protocol):  # never pickled; keeps host copy helpers honest
        raise TypeError("can't pickle array")


_len = _host_array.array.__len__


def _clamp_float(value: float, code: str) -> float:
    # struct refuses out-of-range float32 values; MicroPython stores infinity instead.
    if code == "f":
        return _float32(value)
    return value


def _circuitpython() -> bool:
    from jitvm.modules import _hw

    return _hw.flavor() == "circuitpython"
