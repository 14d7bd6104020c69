"""Guest module `binascii`: hex and base64 conversions and CRC-32, with MicroPython's quirks."""

from __future__ import annotations

import zlib as _zlib

from jitvm.modules._stdconv import get_int_truncated, get_str, not_unicode_on_circuitpython, require_buffer

__all__ = ["a2b_base64", "b2a_base64", "crc32", "hexlify", "unhexlify"]

_B64 = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_SEXTET = {c: i for i, c in enumerate(_B64)}
_HEX = b"0123456789abcdef"
_SPACE = b" \t\n\r\v\f"


def hexlify(data: object, sep: object = None) -> bytes:
    """Hex digits of a buffer, optionally joined by the first byte of `sep`."""
    raw = bytes(require_buffer(data))
    if sep is None:
        return raw.hex().encode()
    # MicroPython takes the separator's first byte; an empty str yields its NUL terminator.
    sep_raw = sep if isinstance(sep, (bytes, bytearray)) else get_str(sep).encode()
    sep_byte = bytes(sep_raw[:1]) or b"\x00"
    return sep_byte.join(bytes((_HEX[b >> 4], _HEX[b & 15])) for b in raw)


def _hex_value(c: int) -> int:
    if 48 <= c <= 57:
        return c - 48
    c |= 0x20
    if 97 <= c <= 102:
        return c - 87
    raise ValueError("non-hex digit")


def unhexlify(data: object) -> bytes:
    """Bytes from pairs of hex digits; whitespace between pairs is skipped."""
    raw = bytes(require_buffer(data))
    out = bytearray()
    i, n = 0, len(raw)
    while i < n:
        if raw[i] in _SPACE:
            i += 1
            continue
        if i + 1 >= n:
            raise ValueError("non-hex digit")
        out.append(_hex_value(raw[i]) << 4 | _hex_value(raw[i + 1]))
        i += 2
    return bytes(out)


def a2b_base64(data: object) -> bytes:
    """Decode base64, skipping characters outside the alphabet as MicroPython does."""
    raw = bytes(require_buffer(data))
    out = bytearray()
    acc = 0
    nbits = 0
    had_pad = False
    for c in raw:
        if c == 0x3D:  # '='
            # Padding ends the data only where it completes a quantum.
            if nbits == 2 or (nbits == 4 and had_pad):
                nbits = 0
                break
            had_pad = True
        sextet = _SEXTET.get(c)
        if sextet is None:
            continue
        had_pad = False
        acc = (acc << 6 | sextet) & 0xFFFFFF
        nbits += 6
        if nbits >= 8:
            nbits -= 8
            out.append((acc >> nbits) & 0xFF)
    if nbits:
        raise ValueError("incorrect padding")
    return bytes(out)


def b2a_base64(data: object, newline: object = True) -> bytes:
    """Encode base64, ending with a newline unless newline is false."""
    not_unicode_on_circuitpython(data)
    raw = bytes(require_buffer(data))
    out = bytearray()
    for i in range(0, len(raw), 3):
        chunk = raw[i : i + 3]
        word = int.from_bytes(chunk.ljust(3, b"\x00"), "big")
        quad = bytes(_B64[(word >> s) & 63] for s in (18, 12, 6, 0))
        keep = len(chunk) + 1
        out += quad[:keep] + b"=" * (4 - keep)
    if newline:
        out += b"\n"
    return bytes(out)


def crc32(data: object, value: object = 0) -> int:
    """CRC-32 of a buffer, continuing from `value` (truncated to 32 bits)."""
    not_unicode_on_circuitpython(data)
    raw = bytes(require_buffer(data))
    return _zlib.crc32(raw, get_int_truncated(value, 32))
