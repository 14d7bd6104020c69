"""uctypes' memory: scalars and byte ranges at jitvm's virtual addresses, and the bytearray
MicroPython makes over an address (``bytearray_at``, arrays of UINT8).

The guest has no raw memory: an address is one that ``jitvm.viper.MEMORY`` gave a guest buffer
(``uctypes.addressof``, viper pointers, ``machine.mem8``). Every access goes through
``MEMORY.read``/``write``, which refuse anything outside one mapped buffer with
OSError(EFAULT), and writes to a read-only buffer (bytes, str) the same way.
"""

from __future__ import annotations

import struct as _struct

from jitvm.modules._stdconv import get_float, get_int_truncated, type_name
from jitvm.modules._uctypes_desc import FLOAT32, FLOAT64, scalar_size
from jitvm.viper import MEMORY

WORD = (1 << 64) - 1  # addresses are machine words (x64): arithmetic wraps


def read(addr: int, size: int) -> bytes:
    if size == 0:
        return b""
    return MEMORY.read(addr & WORD, size)


def write(addr: int, raw: bytes) -> None:
    if raw:
        MEMORY.write(addr & WORD, raw)


def get_scalar(addr: int, val_type: int, big: bool):
    """A value of type ``val_type`` (UINT8..INT64, FLOAT32, FLOAT64) at ``addr``."""
    size = scalar_size(val_type)
    raw = read(addr, size)
    if val_type == FLOAT32 or val_type == FLOAT64:
        code = "f" if val_type == FLOAT32 else "d"
        return _struct.unpack((">" if big else "<") + code, raw)[0]
    return int.from_bytes(raw, "big" if big else "little", signed=bool(val_type & 1))


def pack_scalar(val_type: int, big: bool, value) -> bytes:
    """``value`` as the bytes of ``val_type``: ints truncated (mp_obj_get_int_truncated),
    floats through mp_obj_get_float, as MicroPython stores them."""
    order = ">" if big else "<"
    if val_type == FLOAT32 or val_type == FLOAT64:
        f = get_float(value)
        code = "f" if val_type == FLOAT32 else "d"
        try:
            return _struct.pack(order + code, f)
        except OverflowError:  # beyond float32: C's conversion gives an infinity
            return _struct.pack(order + code, f * float("inf"))
    if not isinstance(value, int):
        raise TypeError(f"can't convert {type_name(value)} to int")
    size = scalar_size(val_type)
    v = get_int_truncated(value, 8 * size)
    return v.to_bytes(size, "big" if big else "little")


def set_scalar(addr: int, val_type: int, big: bool, value) -> None:
    write(addr, pack_scalar(val_type, big, value))


class ByRef:
    """MicroPython's bytearray by reference (``mp_obj_new_bytearray_by_ref``): a bytearray whose
    bytes live at a fixed address. It prints and compares as a bytearray; every access reads
    or writes the memory there (so an address nothing maps only fails when used)."""

    __slots__ = ("_jitvm_addr", "_jitvm_len")

    def __init__(self, addr: int, size: int) -> None:
        self._jitvm_addr = addr & WORD
        self._jitvm_len = size

    def _jitvm_bytes(self) -> bytes:
        return read(self._jitvm_addr, self._jitvm_len)

    def __jitvm_buffer__(self):
        if self._jitvm_len == 0:
            return bytearray()
        return MEMORY.view(self._jitvm_addr, self._jitvm_len)

    def __len__(self) -> int:
        return self._jitvm_len

    def _index(self, i) -> int:
        if not isinstance(i, int):
            raise TypeError(f"bytearray indices must be integers, not {type_name(i)}")
        n = self._jitvm_len
        j = i + n if i < 0 else i
        if not 0 <= j < n:
            raise IndexError("bytearray index out of range")
        return j

    def __getitem__(self, i):
        if isinstance(i, slice):
            start, stop, step = i.indices(self._jitvm_len)
            if step != 1:
                raise NotImplementedError("only slices with step=1 (aka None) are supported")
            return bytearray(read(self._jitvm_addr + start, max(0, stop - start)))
        return read(self._jitvm_addr + self._index(i), 1)[0]

    def __setitem__(self, i, value) -> None:
        if isinstance(i, slice):
            self._set_slice(i, value)
            return
        j = self._index(i)
        if not isinstance(value, int):
            raise TypeError(f"can't convert {type_name(value)} to int")
        write(self._jitvm_addr + j, bytes((int(value) & 0xFF,)))

    def _set_slice(self, i: slice, value) -> None:
        start, stop, step = i.indices(self._jitvm_len)
        if step != 1:
            raise NotImplementedError("only slices with step=1 (aka None) are supported")
        from jitvm.modules._stdconv import require_buffer

        raw = bytes(require_buffer(value))
        if len(raw) != max(0, stop - start):
            raise ValueError("can't resize a bytearray at a fixed address")
        write(self._jitvm_addr + start, raw)

    def __iter__(self):
        return iter(self._jitvm_bytes())

    def __bytes__(self) -> bytes:
        return self._jitvm_bytes()

    def __repr__(self) -> str:
        return f"bytearray({self._jitvm_bytes()!r})"

    __str__ = __repr__

    def _jitvm_other(self, other):
        from jitvm.modules._stdconv import buffer_of

        raw = buffer_of(other)
        return None if raw is None else bytes(raw)

    def __eq__(self, other):
        raw = self._jitvm_other(other)
        return NotImplemented if raw is None else self._jitvm_bytes() == raw

    def __ne__(self, other):
        raw = self._jitvm_other(other)
        return NotImplemented if raw is None else self._jitvm_bytes() != raw

    def __add__(self, other):
        raw = self._jitvm_other(other)
        if raw is None:
            return NotImplemented
        return bytearray(self._jitvm_bytes() + raw)

    def __hash__(self):
        raise TypeError("unsupported type for __hash__: 'bytearray'")

    def decode(self, *args, **kwargs) -> str:
        return self._jitvm_bytes().decode(*args, **kwargs)

    def __jitvm_memoryview__(self):
        return ByRefView(self._jitvm_addr, self._jitvm_len)


MEMVIEW_OFFSET_MAX = (1 << 56) - 1  # MicroPython's memoryview offset field (64-bit ports)


class ByRefView(ByRef):
    """``memoryview(bytearray_at(...))``: MicroPython's memoryview keeps the address and reads
    nothing until an item is used; a slice is another view (its offset has 56 bits)."""

    __slots__ = ()

    def __getitem__(self, i):
        if not isinstance(i, slice):
            return ByRef.__getitem__(self, i)
        start, stop, step = i.indices(self._jitvm_len)
        if step != 1:
            raise NotImplementedError("only slices with step=1 (aka None) are supported")
        if start > MEMVIEW_OFFSET_MAX:
            raise OverflowError("memoryview offset too large")
        return ByRefView(self._jitvm_addr + start, max(0, stop - start))

    def __repr__(self) -> str:
        return "<memoryview>"

    __str__ = __repr__

    def __add__(self, other):
        return NotImplemented

    def __jitvm_memoryview__(self):
        return self


ByRef.__name__ = ByRef.__qualname__ = "bytearray"
ByRefView.__name__ = ByRefView.__qualname__ = "memoryview"
ByRef.__module__ = ByRefView.__module__ = "builtins"
