"""uctypes descriptors: the bit layout of MicroPython's type words and the sizes they give.

A descriptor is a dict of fields (or a tuple for an aggregate: `(offset, desc)` a nested
struct, `(PTR | offset, desc)`, `(ARRAY | offset, n_or_type, [desc])`) whose values pack a
type code and an offset into one small int, as MicroPython's moductypes encodes them.
"""

from __future__ import annotations

LITTLE_ENDIAN, BIG_ENDIAN, NATIVE = 0, 1, 2
VAL_TYPE_BITS, AGG_TYPE_BITS = 4, 2
OFFSET_BITS = 17  # a bitfield's byte offset; its bit position and length sit above it
BF_POS, BF_LEN = OFFSET_BITS, OFFSET_BITS + 5

(UINT8, INT8, UINT16, INT16, UINT32, INT32, UINT64, INT64,
 BFUINT8, BFINT8, BFUINT16, BFINT16, BFUINT32, BFINT32, FLOAT32, FLOAT64) = range(16)
STRUCT, PTR, ARRAY = range(3)
PTR_SIZE = 8  # the unix port on x64
MAX_DEPTH = 64  # nesting of descriptors sizeof follows (MicroPython's C stack runs out)


def type_word(code: int, nbits: int) -> int:
    """MicroPython's TYPE2SMALLINT: the code in the top bits of a 31-bit signed word."""
    w = (code << (32 - nbits)) & 0xFFFFFFFF
    if w & 0x80000000:
        w -= 1 << 32
    return w >> 1


def get_type(word: int, nbits: int) -> int:
    return (word >> (31 - nbits)) & ((1 << nbits) - 1)


def value_of(word: int, nbits: int) -> int:
    """The offset (or count) below the type bits."""
    return word & ((1 << (31 - nbits)) - 1)


def syntax_error() -> TypeError:
    return TypeError("syntax error in uctypes descriptor")


def small_int(v) -> int:
    """A descriptor word: MicroPython reads it as a small int (anything else is garbage to it,
    a syntax error here)."""
    if type(v) is int and -(1 << 62) <= v < (1 << 62):
        return v
    raise syntax_error()


def scalar_size(val_type: int) -> int:
    return 4 if val_type == FLOAT32 else 1 << ((val_type & 7) >> 1)


def is_struct_desc(desc) -> bool:
    return isinstance(desc, dict)


def is_agg_desc(desc) -> bool:
    return type(desc) is tuple


def size_of(desc, layout: int, depth: int = 0) -> int:
    """uctypes.sizeof of a descriptor: its fields' extent, rounded up to the widest scalar
    when the layout is NATIVE."""
    return _size(desc, layout, [0], depth)


def _size(desc, layout: int, widest: list, depth: int) -> int:
    if depth > MAX_DEPTH:
        raise RuntimeError("maximum recursion depth exceeded")
    if not is_struct_desc(desc):
        if is_agg_desc(desc):
            return _agg_size(desc, layout, widest, depth + 1)
        if type(desc) is int:
            raise TypeError("can't unambiguously get sizeof scalar")
        raise syntax_error()
    total = 0
    for v in list(dict.values(desc)):  # the map itself, as MicroPython reads it
        if type(v) is int:
            word = small_int(v)
            vt = get_type(word, VAL_TYPE_BITS)
            offset = value_of(word, VAL_TYPE_BITS)
            if BFUINT8 <= vt <= BFINT32:
                offset &= (1 << OFFSET_BITS) - 1
            s = scalar_size(vt)
            widest[0] = max(widest[0], s)
        elif is_agg_desc(v):
            offset = value_of(small_int(v[0]) if v else 0, AGG_TYPE_BITS)
            s = _agg_size(v, layout, widest, depth + 1)
        else:
            raise syntax_error()
        total = max(total, offset + s)
    if layout == NATIVE:
        w = widest[0]
        total = (total + w - 1) & ~(w - 1) if w else 0
    return total


def _agg_size(t: tuple, layout: int, widest: list, depth: int) -> int:
    if len(t) < 2:
        raise syntax_error()
    agg = get_type(small_int(t[0]), AGG_TYPE_BITS)
    if agg == STRUCT:
        if len(t) != 2:
            raise syntax_error()
        return _size(t[1], layout, widest, depth)
    if agg == PTR:
        if len(t) != 2:
            raise syntax_error()
        widest[0] = max(widest[0], PTR_SIZE)
        return PTR_SIZE
    if agg == ARRAY:
        word = small_int(t[1])
        count = value_of(word, VAL_TYPE_BITS)
        if len(t) == 2:
            item = scalar_size(get_type(word, VAL_TYPE_BITS))
            widest[0] = max(widest[0], item)
        elif len(t) == 3:
            item = _size(t[2], layout, widest, depth)
        else:
            raise syntax_error()
        return item * count
    raise syntax_error()


def check_args(name_args: tuple, kwargs: dict, lo: int, hi: int) -> None:
    """MicroPython's argument-count errors for its C functions (their texts say 'function')."""
    if kwargs:
        raise TypeError("function doesn't take keyword arguments")
    n = len(name_args)
    if lo == hi and n != lo:
        raise TypeError(f"function takes {lo} positional arguments but {n} were given")
    if n < lo:
        raise TypeError(f"function missing {lo - n} required positional arguments")
    if n > hi:
        raise TypeError(f"function expected at most {hi} arguments, got {n}")
