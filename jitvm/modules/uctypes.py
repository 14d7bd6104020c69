"""Guest module `uctypes` (MicroPython): C structures laid over memory, by descriptor.

jitvm's guest has no raw memory: addresses are the virtual ones `jitvm.viper.MEMORY` gives
guest buffers (`addressof(buf)`, viper's `ptr8(buf)`, `machine.mem8`), and a struct, a
pointer field, `bytes_at` and `bytearray_at` reach only bytes inside such a buffer
(anything else raises OSError(EFAULT) when it is read or written; writes through a
read-only buffer such as bytes likewise). Layouts, sizes, texts and quirks follow
MicroPython 1.29's moductypes on the unix port (x64: NATIVE is little-endian, pointers are
8 bytes).
"""

from __future__ import annotations

from jitvm.modules import _uctypes_desc as _d
from jitvm.modules import _uctypes_mem as _m
from jitvm.modules._stdconv import get_int, get_int_truncated, type_name
from jitvm.modules._uctypes_desc import (  # noqa: F401  (guest names)
    ARRAY as _ARRAY, BF_LEN, BF_POS, BIG_ENDIAN, LITTLE_ENDIAN, NATIVE, PTR as _PTR,
    STRUCT as _STRUCT, check_args as _check_args, get_type as _get_type,
    small_int as _small_int, syntax_error as _syntax_error, type_word as _word,
    value_of as _value_of,
)

__all__ = ["struct", "sizeof", "addressof", "bytes_at", "bytearray_at",
           "NATIVE", "LITTLE_ENDIAN", "BIG_ENDIAN", "VOID", "UINT8", "INT8", "UINT16", "INT16",
           "UINT32", "INT32", "UINT64", "INT64", "BFUINT8", "BFINT8", "BFUINT16", "BFINT16",
           "BFUINT32", "BFINT32", "BF_POS", "BF_LEN", "FLOAT32", "FLOAT64", "PTR", "ARRAY",
           "SHORT", "USHORT", "INT", "UINT", "LONG", "ULONG", "LONGLONG", "ULONGLONG"]

_V = _d.VAL_TYPE_BITS
UINT8, INT8, UINT16, INT16, UINT32, INT32, UINT64, INT64 = (_word(i, _V) for i in range(8))
BFUINT8, BFINT8, BFUINT16, BFINT16, BFUINT32, BFINT32 = (_word(i, _V) for i in range(8, 14))
FLOAT32, FLOAT64 = _word(_d.FLOAT32, _V), _word(_d.FLOAT64, _V)
VOID = UINT8
SHORT, USHORT, INT, UINT = INT16, UINT16, INT32, UINT32  # the unix port's C types (LP64)
LONG, ULONG, LONGLONG, ULONGLONG = INT64, UINT64, INT64, UINT64
PTR, ARRAY = _word(_d.PTR, _d.AGG_TYPE_BITS), _word(_d.ARRAY, _d.AGG_TYPE_BITS)


def _big(layout: int) -> bool:
    """MicroPython passes the layout as the big-endian flag: any non-zero one but NATIVE."""
    return layout != LITTLE_ENDIAN and layout != NATIVE


class struct:
    """uctypes.struct(addr, descriptor, layout_type=NATIVE): the fields of ``descriptor`` as
    attributes (a dict), or the items of an array or pointer (a tuple), at ``addr``."""

    __slots__ = ("_jitvm_addr", "_jitvm_desc", "_jitvm_layout")

    def __init__(self, *args, **kwargs) -> None:
        _check_args(args, kwargs, 2, 3)
        s = object.__setattr__
        s(self, "_jitvm_addr", get_int_truncated(args[0]))
        s(self, "_jitvm_desc", args[1])
        s(self, "_jitvm_layout", get_int(args[2]) if len(args) == 3 else NATIVE)

    def __repr__(self) -> str:
        desc = self._jitvm_desc
        kind = "unk"
        if _d.is_struct_desc(desc):
            kind = "STRUCT"
        elif _d.is_agg_desc(desc):
            agg = _get_type(desc[0], _d.AGG_TYPE_BITS) if desc and type(desc[0]) is int else -1
            kind = {_PTR: "PTR", _ARRAY: "ARRAY"}.get(agg, "unk")
        else:
            kind = "ERROR"
        return f"<struct {kind} {self._jitvm_addr:x}>"

    __str__ = __repr__

    def _jitvm_field(self, name: str):
        desc = self._jitvm_desc
        if not _d.is_struct_desc(desc):
            raise TypeError("struct: no fields")
        return dict.__getitem__(desc, name)  # KeyError(name) when missing (mp_obj_dict_get)

    def __getattr__(self, name: str):
        if name[:2] == "__" and name[-2:] == "__":  # host protocol probes never read memory
            raise AttributeError(name)
        field = self._jitvm_field(name)
        if type(field) is int:
            return _get_field(self, _small_int(field))
        if not _d.is_agg_desc(field):
            raise _syntax_error()
        return _aggregate(self, name, field)

    def __setattr__(self, name: str, value) -> None:
        field = self._jitvm_field(name)
        if type(field) is not int:
            raise _syntax_error()  # an aggregate, or not a descriptor
        _set_field(self, _small_int(field), value)

    def __delattr__(self, name: str) -> None:
        self.__getattr__(name)  # MicroPython reads the field and calls the delete done

    def __getitem__(self, index):
        return _subscript(self, index, None)

    def __setitem__(self, index, value) -> None:
        _subscript(self, index, (value,))

    def __delitem__(self, index) -> None:
        raise TypeError("'struct' object doesn't support item deletion")

    def __hash__(self):
        raise TypeError("unsupported type for __hash__: 'struct'")

    def __eq__(self, other):
        return self is other

    def __ne__(self, other):
        return self is not other

    def __int__(self) -> int:
        desc = self._jitvm_desc
        if _d.is_agg_desc(desc) and desc and type(desc[0]) is int \
                and _get_type(desc[0], _d.AGG_TYPE_BITS) == _PTR:
            return _pointer(self)
        return int(self.__bytes__())  # int() of a buffer parses its text, as in MicroPython

    def _jitvm_size(self) -> int:
        return _d.size_of(self._jitvm_desc, self._jitvm_layout)

    def __jitvm_buffer__(self):
        size = self._jitvm_size()
        return _m.MEMORY.view(self._jitvm_addr, size) if size else bytearray()

    def __bytes__(self) -> bytes:
        return _m.read(self._jitvm_addr, self._jitvm_size())

    def __iter__(self):  # so that bytearray(s) copies the struct's bytes (its buffer)
        return iter(self.__bytes__())


def _new(addr: int, desc, layout: int) -> struct:
    return struct(addr & _m.WORD, desc, layout)


def _get_field(s: struct, word: int):
    vt = _get_type(word, _V)
    offset = _value_of(word, _V)
    layout = s._jitvm_layout
    if vt <= _d.INT64 or vt >= _d.FLOAT32:
        return _m.get_scalar(s._jitvm_addr + offset, vt, _big(layout))
    pos, length, offset = _bitfield(offset)
    return (_bitfield_word(s, vt, offset) >> pos) & ((1 << length) - 1)


def _bitfield(offset: int) -> tuple:
    return ((offset >> _d.OFFSET_BITS) & 31, (offset >> BF_LEN) & 31,
            offset & ((1 << _d.OFFSET_BITS) - 1))


def _bitfield_word(s: struct, vt: int, offset: int) -> int:
    """The word a bitfield sits in: NATIVE reads it unsigned; the other layouts read BFINTs
    signed (as a machine word), as MicroPython's mp_binary_get_int does."""
    if s._jitvm_layout == NATIVE:
        return _m.get_scalar(s._jitvm_addr + offset, vt & 6, False)
    v = _m.get_scalar(s._jitvm_addr + offset, vt & 7, _big(s._jitvm_layout))
    return v & _m.WORD


def _set_field(s: struct, word: int, value) -> None:
    vt = _get_type(word, _V)
    offset = _value_of(word, _V)
    layout = s._jitvm_layout
    if vt <= _d.INT64 or vt >= _d.FLOAT32:
        _m.set_scalar(s._jitvm_addr + offset, vt, _big(layout), value)
        return
    pos, length, offset = _bitfield(offset)
    old = _bitfield_word(s, vt, offset)
    mask = ((1 << length) - 1) << pos
    new = (old & ~mask) | ((get_int(value) << pos) & mask)
    # MicroPython writes it back big-endian only for BIG_ENDIAN itself
    _m.set_scalar(s._jitvm_addr + offset, vt & 6, layout == BIG_ENDIAN, new)


def _aggregate(s: struct, name: str, sub: tuple):
    if not sub:
        raise _syntax_error()
    word = _small_int(sub[0])
    agg = _get_type(word, _d.AGG_TYPE_BITS)
    addr = s._jitvm_addr + _value_of(word, _d.AGG_TYPE_BITS)
    if agg == _STRUCT:
        if len(sub) < 2:
            raise _syntax_error()
        return _new(addr, sub[1], s._jitvm_layout)
    if agg == _ARRAY and len(sub) == 2 and type(sub[1]) is int \
            and _get_type(sub[1], _V) == _d.UINT8:
        return _m.ByRef(addr, _d.size_of(sub, s._jitvm_layout))
    if agg == _ARRAY or agg == _PTR:
        return _new(addr, sub, s._jitvm_layout)
    raise AttributeError(f"'struct' object has no attribute '{name}'")


def _pointer(s: struct) -> int:
    """The address a PTR field holds: a native (little-endian) machine word."""
    return int.from_bytes(_m.read(s._jitvm_addr, _d.PTR_SIZE), "little")


def _subscript(s: struct, index, store):
    desc = s._jitvm_desc
    if not _d.is_agg_desc(desc):
        raise TypeError("struct: can't index")
    agg = _get_type(_small_int(desc[0]) if desc else 0, _d.AGG_TYPE_BITS)
    if not isinstance(index, int):
        raise IndexError("struct: index out of range")  # MicroPython reads garbage as an index
    index = int(index)
    if agg == _ARRAY:
        return _array_item(s, desc, index, store)
    if agg == _PTR:
        return _pointer_item(s, desc, index)
    if store is not None:
        raise TypeError("'struct' object doesn't support item assignment")
    raise TypeError("'struct' object isn't subscriptable")


def _array_item(s: struct, desc: tuple, index: int, store):
    if len(desc) < 2:
        raise _syntax_error()
    word = _small_int(desc[1])
    vt = _get_type(word, _V)
    if index >= _value_of(word, _V):  # a negative index is not checked (MicroPython's too)
        raise IndexError("struct: index out of range")
    layout = s._jitvm_layout
    if len(desc) == 2:
        if vt > _d.INT64 and vt < _d.FLOAT32:
            raise _syntax_error()  # a bitfield type has no array items
        addr = s._jitvm_addr + _d.scalar_size(vt) * index
        if store is None:
            return _m.get_scalar(addr, vt, _big(layout))
        _m.set_scalar(addr, vt, _big(layout), store[0])
        return None
    if store is not None:
        raise TypeError("'struct' object doesn't support item assignment")
    if len(desc) < 3:
        raise _syntax_error()
    size = _d.size_of(desc[2], layout)
    return _new(s._jitvm_addr + size * index, desc[2], layout)


def _pointer_item(s: struct, desc: tuple, index: int):
    """An item through a pointer. MicroPython reads it even for a store, and stores nothing."""
    if len(desc) < 2:
        raise _syntax_error()
    target = _pointer(s)
    item = desc[1]
    if type(item) is int:
        vt = _get_type(_small_int(item), _V)
        if vt > _d.INT64 and vt < _d.FLOAT32:
            raise _syntax_error()
        return _m.get_scalar(target + _d.scalar_size(vt) * index, vt, False)
    size = _d.size_of(item, s._jitvm_layout)
    return _new(target + size * index, item, s._jitvm_layout)


def sizeof(*args, **kwargs) -> int:
    """The size in bytes of a descriptor (under ``layout_type``), or of a struct."""
    _check_args(args, kwargs, 1, 2)
    obj = args[0]
    if type(obj) is bytearray or type(obj) is _m.ByRef:
        return len(obj)
    if type(obj) is struct:
        if len(args) != 1:
            raise TypeError()
        return obj._jitvm_size()
    layout = get_int(args[1]) if len(args) == 2 else NATIVE
    return _d.size_of(obj, layout)


def addressof(*args, **kwargs) -> int:
    """The address of a buffer's bytes: jitvm's virtual address for the buffer."""
    _check_args(args, kwargs, 1, 1)
    obj = args[0]
    if type(obj) in (struct, _m.ByRef, _m.ByRefView):
        return obj._jitvm_addr
    addr = _m.MEMORY.addr_of(obj)
    if addr < 0:
        raise TypeError("object with buffer protocol required")
    return addr


def _address_and_size(args, kwargs) -> tuple:
    _check_args(args, kwargs, 2, 2)
    for a in args:
        if not isinstance(a, int):
            raise TypeError(f"can't convert {type_name(a)} to int")
    return get_int_truncated(args[0]), get_int_truncated(args[1])


def bytes_at(*args, **kwargs) -> bytes:
    """A copy of ``size`` bytes at ``addr`` (inside a buffer jitvm mapped, else EFAULT)."""
    addr, size = _address_and_size(args, kwargs)
    return _m.read(addr, size)


def bytearray_at(*args, **kwargs):
    """A bytearray whose bytes are the ``size`` bytes at ``addr`` (they are checked when read
    or written, as MicroPython only touches memory then)."""
    addr, size = _address_and_size(args, kwargs)
    return _m.ByRef(addr, size)


def _register() -> None:
    """The guest reads a struct's fields by any name its descriptor has, and nothing of the
    host object: its slots are `_jitvm_` names (never the guest's) and its methods dunders."""
    from jitvm.sandbox import Allow, register

    class _AnyField(frozenset):
        """Every name but dunders (and the class, when reading)."""

        def __contains__(self, name) -> bool:
            if type(name) is not str:
                return False
            return not (name[:2] == "__" and name[-2:] == "__") or frozenset.__contains__(self, name)

        def __iter__(self):
            return frozenset.__iter__(self)

    entry = Allow(())
    entry.names = _AnyField({"__class__"})
    entry.settable = _AnyField()
    register(struct, entry)
    register(_m.ByRef, Allow({"decode"}))
    register(_m.ByRefView, Allow(()))


_register()
