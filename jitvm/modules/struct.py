"""Guest module `struct`: MicroPython's pack/unpack of C values, with its format rules and quirks.

Differences from CPython that guests can see: no '=' or '?' codes, no whitespace, ints are
truncated rather than range-checked, missing values pack as zeros, buffers may be longer than
the format, `unpack` takes an offset like `unpack_from`, and 'e' uses MicroPython's software
half-float encoder (which lets large values spill into the sign bit).
"""

from __future__ import annotations

import struct as _host

from jitvm.modules._stdconv import check_fits, get_float, get_int, require_buffer, type_name

__all__ = ["calcsize", "pack", "pack_into", "unpack", "unpack_from"]

# code -> (size in standard modes '<' '>' '!', size in native mode '@'); native alignment = size.
_SIZES: dict[str, tuple[int, int]] = {
    "b": (1, 1), "B": (1, 1), "h": (2, 2), "H": (2, 2), "i": (4, 4), "I": (4, 4),
    "l": (4, 8), "L": (4, 8), "q": (8, 8), "Q": (8, 8), "P": (8, 8), "O": (8, 8), "S": (8, 8),
    "e": (2, 2), "f": (4, 4), "d": (8, 8), "s": (1, 1), "x": (1, 1),
}  # fmt: skip
_SIGNED = set("bhilq")
_END = object()
_FLOATS = {"f": "f", "d": "d"}
# objects packed with 'O'/'S' (MICROPY_PY_STRUCT_UNSAFE_TYPECODES), so that unpack finds them
_OBJECTS: dict[int, object] = {}


def _no_kwargs(kwargs: dict) -> None:
    if kwargs:
        raise TypeError("function doesn't take keyword arguments")


def _circuitpython_keywords(args: tuple, kwargs: dict, names: tuple[str, ...]) -> tuple:
    """CircuitPython parses unpack_from's arguments with mp_arg_parse_all (keywords allowed);
    MicroPython's takes positional arguments only."""
    from jitvm.modules import _hw

    if _hw.flavor() != "circuitpython":
        _no_kwargs(kwargs)
    out = list(args)
    for k, v in kwargs.items():
        if k not in names:
            raise TypeError(f"unexpected keyword argument '{k}'")
        i = names.index(k)
        if i < len(args):
            raise TypeError(f"argument '{k}' given twice")  # pragma: no cover - rare
        out += [None] * (i + 1 - len(out))
        out[i] = v
    if None in out[:2]:
        raise TypeError("function missing required positional argument")
    if len(out) == 3 and out[2] is None:
        out.pop()
    return tuple(out)


def _format_text(fmt: object) -> str:
    if isinstance(fmt, (bytes, bytearray)):
        return bytes(fmt).decode("latin-1")
    if isinstance(fmt, str):
        return fmt
    raise TypeError(f"can't convert '{type_name(fmt)}' object to str implicitly")


_Item = tuple[int, str, int, int]  # (offset, code, size, repeat count for 's')


def _parse(fmt: object) -> tuple[str, list[_Item], int]:
    """Return (host byte-order prefix, items, total size) for a format."""
    text = _format_text(fmt)
    order = "@"
    pos = 0
    if text[:1] in ("<", ">", "!", "@"):
        order = text[0]
        pos = 1
    native = order == "@"
    items: list[_Item] = []
    offset = 0
    while pos < len(text):
        start = pos
        while pos < len(text) and text[pos].isdigit():
            pos += 1
        count = int(text[start:pos]) if pos > start else 1
        if pos >= len(text) or text[pos] not in _SIZES:
            raise ValueError("bad typecode")
        code = text[pos]
        pos += 1
        if code in ("s", "x"):
            items.append((offset, code, count, count))
            offset += count
            continue
        size = _SIZES[code][1 if native else 0]
        for _ in range(count):
            if native:
                # Native mode aligns every value to its own size, as a C compiler would.
                offset = (offset + size - 1) // size * size
            items.append((offset, code, size, 1))
            offset += size
    # Native order is the reference build's: little-endian.
    return ("<" if order in ("<", "@") else ">"), items, offset


def calcsize(fmt: object) -> int:
    """Number of bytes `fmt` packs into."""
    return _parse(fmt)[2]


def _encode_half(value: float) -> int:
    """MicroPython's software float -> half conversion, bugs included (see module docstring)."""
    try:
        bits = _host.unpack("<I", _host.pack("<f", value))[0]
    except OverflowError:
        bits = 0x7F800000 | (0x80000000 if value < 0 else 0)
    mant = (bits >> 13) & 0x3FF
    if bits & (1 << 12):
        mant += 1
    exp = (bits >> 23) & 0xFF
    if exp == 0xFF:
        exp = 0x1F
    elif exp != 0:
        exp -= 127 - 15
        if exp < 0:
            if exp >= -11:
                mant = ((mant | 0x400) & 0xFFFF) >> -exp
                mant = (mant >> 1) + 1 if mant & 1 else mant >> 1
            else:
                mant = 0
            exp = 0
        elif exp > 0x3F:
            exp, mant = 0x1F, 0
    return ((bits >> 16) & 0x8000 | (exp << 10) | mant) & 0xFFFF


def _pack_value(code: str, size: int, value: object, endian: str) -> bytes:
    if code in _FLOATS:
        f = get_float(value)
        if code == "f":
            try:
                return _host.pack(endian + "f", f)
            except OverflowError:
                return _host.pack(endian + "f", f * 1e300 * 1e300)  # C rounds to ±inf
        return _host.pack(endian + "d", f)
    if code == "e":
        return _encode_half(get_float(value)).to_bytes(2, "little" if endian == "<" else "big")
    if code == "S" and isinstance(value, int):  # a C string's address (uctypes.addressof)
        raw = int(value) & ((1 << (8 * size)) - 1)
        return raw.to_bytes(size, "little" if endian == "<" else "big")
    if code in "OS":  # an object reference: the "pointer" is the object's key in _OBJECTS
        key = id(value) & 0xFFFFFFFFFFFF
        _OBJECTS[key] = value
        return key.to_bytes(size, "little" if endian == "<" else "big")
    if not isinstance(value, int):
        raise TypeError(f"can't convert {type_name(value)} to int")
    # Truncate to the field width: MicroPython never range-checks packed ints (CircuitPython
    # does: check_fits)
    check_fits(int(value), size, code.islower())
    raw = int(value) & ((1 << (8 * size)) - 1)
    return raw.to_bytes(size, "little" if endian == "<" else "big")


def _pack_items(fmt: object, values: tuple[object, ...], out: bytearray | None = None) -> bytes:
    """Pack values over `out` (a zeroed buffer when None); stop when the values run out."""
    endian, items, total = _parse(fmt)
    if out is None:
        out = bytearray(total)
    remaining = iter(values)
    for offset, code, size, _count in items:
        if code == "x":
            out[offset : offset + size] = bytes(size)
            continue
        value = next(remaining, _END)
        if value is _END:
            break
        if code == "s":
            data = bytes(require_buffer(value))[:size]
            out[offset : offset + len(data)] = data
        else:
            out[offset : offset + size] = _pack_value(code, size, value, endian)
    return bytes(out)


def _check_count(fmt: object, n: int) -> None:
    """CircuitPython (py/modstruct.c, CIRCUITPY-CHANGE) wants exactly one value per item;
    MicroPython packs what it gets and zeros the rest."""
    from jitvm.modules import _hw

    if _hw.flavor() == "circuitpython":
        count = sum(code != "x" for _o, code, _s, _c in _parse(fmt)[1])
        if count != n:
            raise ValueError(f"pack expected {count} items for packing (got {n})")


def pack(*args: object, **kwargs: object) -> bytes:
    """pack(fmt, v1, v2, ...): the values packed according to fmt."""
    _no_kwargs(kwargs)
    if not args:
        raise TypeError("function missing 1 required positional arguments")
    _check_count(args[0], len(args) - 1)
    return _pack_items(args[0], args[1:])


def pack_into(*args: object, **kwargs: object) -> None:
    """pack_into(fmt, buffer, offset, v1, ...): pack into a writable buffer at offset."""
    _no_kwargs(kwargs)
    if len(args) < 3:
        raise TypeError("function missing 1 required positional arguments")
    fmt, buffer, offset = args[0], args[1], args[2]
    _check_count(fmt, len(args) - 3)
    size = calcsize(fmt)
    buf = require_buffer(buffer, writable=True)
    start = get_int(offset)
    if start < 0:
        start += len(buf)
    if start < 0 or start + size > len(buf):
        raise ValueError("buffer too small")
    # Only the bytes of supplied values (and 'x' padding) are written, as MicroPython does.
    window = bytearray(buf[start : start + size])
    buf[start : start + size] = _pack_items(fmt, args[3:], window)


def _unpack_value(code: str, raw: bytes, endian: str) -> object:
    if code in _FLOATS:
        return _host.unpack(endian + code, raw)[0]
    if code == "e":
        return _host.unpack(endian + "e", raw)[0]
    if code in "OS":
        key = int.from_bytes(raw, "little" if endian == "<" else "big")
        if key in _OBJECTS:
            return _OBJECTS[key]
        if code == "S":  # the str at a guest buffer's address; elsewhere OSError(EFAULT)
            from jitvm.viper import MEMORY

            return MEMORY.cstring(key).decode("utf-8", "surrogateescape")
        raise ValueError("no object packed at this address")  # not a wild pointer's target
    value = int.from_bytes(raw, "little" if endian == "<" else "big", signed=code in _SIGNED)
    return value


def unpack_from(*args: object, **kwargs: object) -> tuple:
    """unpack_from(fmt, buffer, offset=0): a tuple of the values packed at offset.
    CircuitPython also takes its arguments by keyword (format=, buffer=, offset=)."""
    if kwargs:
        args = _circuitpython_keywords(args, kwargs, ("format", "buffer", "offset"))
    if len(args) < 2:
        raise TypeError("function missing 1 required positional arguments")
    if len(args) > 3:
        raise TypeError(f"function expected at most 3 arguments, got {len(args)}")
    fmt, buffer = args[0], args[1]
    endian, items, size = _parse(fmt)
    buf = bytes(require_buffer(buffer))
    start = get_int(args[2]) if len(args) == 3 else 0
    if start < 0:
        start += len(buf)
        if start < 0:
            raise ValueError("buffer too small")
    if size > len(buf) - start:
        raise ValueError("buffer too small")
    out = []
    for offset, code, item_size, _count in items:
        if code == "x":
            continue
        raw = buf[start + offset : start + offset + item_size]
        out.append(raw if code == "s" else _unpack_value(code, raw, endian))
    return tuple(out)


def unpack(*args: object, **kwargs: object) -> tuple:
    """unpack(fmt, buffer[, offset]): like unpack_from (MicroPython shares one function)."""
    return unpack_from(*args, **kwargs)
