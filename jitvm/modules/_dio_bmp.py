"""BMP decoding for displayio.OnDiskBitmap: 1/2/4/8 bpp with palettes, 16 bpp (555 / 565 bit
fields), 24 and 32 bpp; rows bottom-up or top-down (negative height), as Microsoft's format says."""

from __future__ import annotations

import struct
from typing import Any

from jitvm.modules._dio_bitmap import np


def _invalid() -> ValueError:
    return ValueError("Invalid BMP file")


def read_bmp(data: bytes) -> tuple[Any, list[int] | None, int]:
    """(pixels as a 2D numpy array, palette RGB888 list or None, bits per pixel).

    Pixels of 16, 24 and 32 bpp come back as RGB888 values (shown through an RGB888
    ColorConverter, as CircuitPython does)."""
    if len(data) < 26 or data[:2] != b"BM":
        raise ValueError("Invalid file")
    offset = struct.unpack_from("<I", data, 10)[0]
    header = struct.unpack_from("<I", data, 14)[0]
    if header not in (40, 108, 124) or len(data) < 14 + header:
        raise ValueError("Only Windows format, uncompressed BMP supported: given header size "
                         f"is {header}")
    width, height, _planes, bpp, compression = struct.unpack_from("<iiHHI", data, 18)
    colors_used = struct.unpack_from("<I", data, 46)[0]
    if compression not in (0, 3):
        raise ValueError("RLE-compressed BMP not supported")
    if bpp not in (1, 2, 4, 8, 16, 24, 32) or width <= 0:
        raise _invalid()
    top_down = height < 0
    height = abs(height)
    n = np()
    stride = ((width * bpp + 31) // 32) * 4
    if offset + stride * height > len(data):
        raise _invalid()
    rows = n.frombuffer(data, dtype=n.uint8, count=stride * height, offset=offset)
    rows = rows.reshape(height, stride)
    if not top_down:
        rows = rows[::-1]
    palette = None
    if bpp <= 8:
        count = colors_used or (1 << bpp)
        base = 14 + header
        palette = []
        for i in range(count):
            b, g, r = data[base + 4 * i: base + 4 * i + 3]
            palette.append(r << 16 | g << 8 | b)
        bits = n.unpackbits(rows, axis=1, bitorder="big")
        per = bits.reshape(height, -1, bpp)
        weights = (1 << n.arange(bpp - 1, -1, -1)).astype(n.uint8)
        values = (per * weights).sum(axis=2).astype(n.uint8)[:, :width]
        return n.ascontiguousarray(values), palette, bpp
    if bpp == 16:  # as OnDiskBitmap's get_pixel: channels moved to the top of RGB888 bytes
        words = rows[:, : width * 2].copy().view("<u2").astype(n.uint32)
        masks = (0x7C00, 0x03E0, 0x001F)
        if compression == 3 or header >= 56:
            masks = struct.unpack_from("<III", data, 54)
        red, green, blue = (words & masks[0], words & masks[1], words & masks[2])
        if masks[1] == 0x07E0:
            red, green = red >> 11, green >> 5
        else:
            red, green = red >> 10, green >> 4
        return (red << 19) | (green << 10) | (blue << 3), None, 16
    step = bpp // 8
    px = rows[:, : width * step].reshape(height, width, step).astype(n.uint32)
    values = (px[:, :, 2] << 16) | (px[:, :, 1] << 8) | px[:, :, 0]
    return values, None, bpp
