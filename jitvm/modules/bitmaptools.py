"""Guest module `bitmaptools` (CircuitPython): drawing into displayio.Bitmap objects.

Argument checks and texts follow shared-bindings/bitmaptools; lines use CircuitPython's
integer Bresenham variant (the one adafruit_display_shapes also uses).
"""

from __future__ import annotations

import math
from typing import Any

from jitvm.modules import _hw
from jitvm.modules._dio_bitmap import Bitmap, _int, changed, np
from jitvm.modules._dio_blend import BlendMode, DitherAlgorithm, alphablend, dither, replace_color

__all__ = ["BlendMode", "DitherAlgorithm", "alphablend", "arrayblit", "blit", "boundary_fill",
           "dither", "draw_circle", "draw_line", "draw_polygon", "fill_region", "readinto",
           "replace_color", "rotozoom"]


def _bitmap(obj: Any, name: str) -> Bitmap:
    if not isinstance(obj, Bitmap):
        raise TypeError(f"{name} must be of type Bitmap, not {_hw.type_name(obj)}")
    return obj


def _value(bitmap: Bitmap, value: int, text: str = "out of range of target") -> int:
    value = _int(value, "value")
    if value < 0 or (1 << bitmap._dio_bits) <= value:
        raise ValueError(text)
    return value


def _range(lo: Any, hi: Any, lim: int, names: tuple[str, str]) -> tuple[int, int]:
    a = _hw.int_range(_int(lo, names[0]), 0, lim, names[0])
    b = lim if hi is None else _hw.int_range(_int(hi, names[1]), a, lim, names[1])
    return a, b


def fill_region(dest_bitmap: Bitmap, x1: int, y1: int, x2: int, y2: int, value: int) -> None:
    """Draws the color value into the destination bitmap within the rectangular region."""
    dest = _bitmap(dest_bitmap, "dest_bitmap")
    value = _value(dest, value)
    x1, x2 = _range(x1, x2, dest.width, ("x1", "x2"))
    y1, y2 = _range(y1, y2, dest.height, ("y1", "y2"))
    dest._dio_data[y1:y2, x1:x2] = value
    changed()


def _put(data: Any, x: int, y: int, value: int) -> None:
    h, w = data.shape
    if 0 <= x < w and 0 <= y < h:
        data[y, x] = value


def _line(data: Any, x0: int, y0: int, x1: int, y1: int, value: int) -> None:
    h, w = data.shape
    if x0 == x1:
        if 0 <= x0 < w:
            a, b = sorted((y0, y1))
            data[max(0, a): min(b, h - 1) + 1, x0] = value
        return
    if y0 == y1:
        if 0 <= y0 < h:
            a, b = sorted((x0, x1))
            data[y0, max(0, a): min(b, w - 1) + 1] = value
        return
    steep = abs(y1 - y0) > abs(x1 - x0)
    if steep:
        x0, y0, x1, y1 = y0, x0, y1, x1
    if x0 > x1:
        x0, x1, y0, y1 = x1, x0, y1, y0
    dx, dy = x1 - x0, abs(y1 - y0)
    err = float(dx // 2)
    ystep = 1 if y0 < y1 else -1
    for x in range(x0, x1 + 1):
        if steep:
            _put(data, y0, x, value)
        else:
            _put(data, x, y0, value)
        err -= dy
        if err < 0:
            y0 += ystep
            err += dx


def draw_line(dest_bitmap: Bitmap, x1: int, y1: int, x2: int, y2: int, value: int) -> None:
    """Draws a line into a bitmap specified two endpoints (x1,y1) and (x2,y2)."""
    dest = _bitmap(dest_bitmap, "dest_bitmap")
    value = _value(dest, value)
    _line(dest._dio_data, _int(x1, "x1"), _int(y1, "y1"), _int(x2, "x2"), _int(y2, "y2"), value)
    changed()


def _coords(obj: Any) -> list[int]:
    if hasattr(obj, "tolist"):
        obj = obj.tolist()
    return [int(v) for v in obj]


def draw_polygon(dest_bitmap: Bitmap, xs: Any, ys: Any, value: int, close: bool = True) -> None:
    """Draw a polygon connecting points on provided bitmap with provided value."""
    dest = _bitmap(dest_bitmap, "dest_bitmap")
    px, py = _coords(xs), _coords(ys)
    if len(px) != len(py):
        raise ValueError("Coordinate arrays have different lengths")
    value = _value(dest, value)
    data = dest._dio_data
    for i in range(len(px) - 1):
        _line(data, px[i], py[i], px[i + 1], py[i + 1], value)
    if close and len(px) > 2:
        _line(data, px[-1], py[-1], px[0], py[0], value)
    changed()


def draw_circle(dest_bitmap: Bitmap, x: int, y: int, radius: int, value: int) -> None:
    """Draws a circle outline into a bitmap specified using a center (x0,y0) and radius r."""
    dest = _bitmap(dest_bitmap, "dest_bitmap")
    value = _value(dest, value)
    x = _hw.int_range(_int(x, "x"), 0, dest.width, "x")
    y = _hw.int_range(_int(y, "y"), 0, dest.height, "y")
    radius = _int(radius, "radius")
    if radius < 0:
        raise ValueError("radius must be >= 0")
    data = dest._dio_data
    yb, d = radius, 3 - 2 * radius  # CircuitPython's Bresenham circle
    xb = 0
    while xb <= yb:
        for sx, sy in ((xb, yb), (-xb, -yb), (-xb, yb), (xb, -yb), (yb, xb), (-yb, xb),
                       (-yb, -xb), (yb, -xb)):
            _put(data, x + sx, y + sy, value)
        if d <= 0:
            d += 4 * xb + 6
        else:
            d += 4 * (xb - yb) + 10
            yb -= 1
        xb += 1
    changed()


def blit(dest_bitmap: Bitmap, source_bitmap: Bitmap, x: int, y: int, *, x1: int = 0,
         y1: int = 0, x2: int | None = None, y2: int | None = None,
         skip_source_index: int | None = None, skip_dest_index: int | None = None) -> None:
    """Inserts the source_bitmap region defined by rectangular boundaries (x1,y1) and (x2,y2)
    into the bitmap at the specified (x,y) location."""
    dest = _bitmap(dest_bitmap, "dest_bitmap")
    x = _hw.int_range(_int(x, "x"), 0, dest.width, "x")
    y = _hw.int_range(_int(y, "y"), 0, dest.height, "y")
    src = _bitmap(source_bitmap, "source_bitmap")
    x1, x2 = _range(x1, x2, src.width, ("x1", "x2"))
    y1, y2 = _range(y1, y2, src.height, ("y1", "y2"))
    if dest._dio_bits < src._dio_bits:
        raise ValueError("source palette too large")
    w = min(x2 - x1, dest.width - x)
    h = min(y2 - y1, dest.height - y)
    if w <= 0 or h <= 0:
        return
    region = src._dio_data[y1: y1 + h, x1: x1 + w]
    target = dest._dio_data[y: y + h, x: x + w]
    mask = np().ones(region.shape, dtype=bool)
    if skip_source_index is not None:
        mask &= region != int(skip_source_index)
    if skip_dest_index is not None:
        mask &= target != int(skip_dest_index)
    np().copyto(target, region.astype(target.dtype), where=mask)
    changed()


def boundary_fill(dest_bitmap: Bitmap, x: int, y: int, fill_color_value: int,
                  replaced_color_value: int | None = None) -> None:
    """Draws the color value into the destination bitmap enclosed area of pixels of the
    background_value color (4-connected flood fill)."""
    dest = _bitmap(dest_bitmap, "dest_bitmap")
    fill = _value(dest, fill_color_value, "value out of range of target")
    data = dest._dio_data
    h, w = data.shape
    if not (0 <= x < w and 0 <= y < h):
        raise ValueError("out of range of target")
    old = int(data[y, x]) if replaced_color_value is None else _value(
        dest, replaced_color_value, "background value out of range of target")
    if old == fill or int(data[y, x]) != old:
        return
    stack = [(x, y)]
    while stack:
        cx, cy = stack.pop()
        if not (0 <= cx < w and 0 <= cy < h) or data[cy, cx] != old:
            continue
        data[cy, cx] = fill
        stack.extend(((cx + 1, cy), (cx - 1, cy), (cx, cy + 1), (cx, cy - 1)))
    changed()


def arrayblit(bitmap: Bitmap, data: Any, x1: int = 0, y1: int = 0, x2: int | None = None,
              y2: int | None = None, skip_index: int | None = None) -> None:
    """Inserts pixels from data into the rectangle of width x2-x1 and height y2-y1."""
    dest = _bitmap(bitmap, "bitmap")
    x1, x2 = _range(x1, x2, dest.width, ("x1", "x2"))
    y1, y2 = _range(y1, y2, dest.height, ("y1", "y2"))
    n = np()
    if hasattr(data, "typecode") and hasattr(data, "tolist"):
        values = n.array(data.tolist())
    else:
        values = n.frombuffer(bytes(_hw.buffer(data)), dtype=n.uint8)
    count = (x2 - x1) * (y2 - y1)
    if len(values) < count:
        from jitvm.gexc import GUEST_EXC

        raise GUEST_EXC["IndexError"]("index out of range")  # CircuitPython's text, as it is
    block = values[:count].reshape(y2 - y1, x2 - x1) & dest._dio_max
    target = dest._dio_data[y1:y2, x1:x2]
    where = n.ones(block.shape, dtype=bool) if skip_index is None else block != int(skip_index)
    n.copyto(target, block.astype(target.dtype), where=where)
    changed()


def readinto(bitmap: Bitmap, file: Any, bits_per_pixel: int, element_size: int = 1,
             reverse_pixels_in_element: bool = False, swap_bytes_in_element: bool = False,
             reverse_rows: bool = False) -> None:
    """Reads from a binary file into a bitmap, as common_hal_bitmaptools_readinto: rows of
    whole elements; sub-byte pixels from the low bits up (reversed: from the high bits); 16 and
    32 bits little-endian, 24 bits big-endian; swap_bytes_in_element swaps within elements."""
    dest = _bitmap(bitmap, "bitmap")
    if element_size not in (1, 2, 4):
        raise ValueError(f"invalid element_size {element_size}, must be, 1, 2, or 4")
    if bits_per_pixel not in (1, 2, 4, 8, 16, 24, 32):
        raise ValueError(f"invalid bits_per_pixel {bits_per_pixel}, must be, 1, 2, 4, 8, 16, "
                         "24, or 32")
    if bits_per_pixel in (16, 32) and element_size * 8 < bits_per_pixel:
        raise ValueError(f"invalid element size {element_size} for bits_per_pixel "
                         f"{bits_per_pixel}\n")
    n = np()
    per_row = (dest.width * bits_per_pixel + element_size * 8 - 1) // (element_size * 8)
    row_bytes = per_row * element_size
    for row in range(dest.height):
        raw = file.read(row_bytes)
        if raw is None or len(raw) < row_bytes:
            raise EOFError()
        buf = n.frombuffer(bytes(raw), dtype=n.uint8)
        if swap_bytes_in_element and element_size > 1:
            buf = buf.reshape(-1, element_size)[:, ::-1].reshape(-1)
        values = _unpack_row(n, buf, bits_per_pixel, dest.width, reverse_pixels_in_element)
        y = dest.height - 1 - row if reverse_rows else row
        dest._dio_data[y] = values & dest._dio_max
    changed()


def _unpack_row(n: Any, raw: Any, bpp: int, width: int, reverse: bool) -> Any:
    if bpp == 8:
        return raw[:width].astype(n.uint32)
    if bpp in (16, 32):
        return raw[: width * bpp // 8].view("<u2" if bpp == 16 else "<u4").astype(n.uint32)
    if bpp == 24:
        px = raw[: width * 3].reshape(width, 3).astype(n.uint32)
        return (px[:, 0] << 16) | (px[:, 1] << 8) | px[:, 2]
    per = 8 // bpp
    xs = n.arange(width)
    slot = xs % per
    if reverse:
        slot = per - 1 - slot
    return ((raw[xs // per] >> (slot * bpp).astype(n.uint8)) & ((1 << bpp) - 1)).astype(n.uint32)


def rotozoom(dest_bitmap: Bitmap, source_bitmap: Bitmap, *, ox: int | None = None,
             oy: int | None = None, dest_clip0: Any = None, dest_clip1: Any = None,
             px: int | None = None, py: int | None = None, source_clip0: Any = None,
             source_clip1: Any = None, angle: float | None = None, scale: float | None = None,
             skip_index: int | None = None) -> None:
    """Inserts the source bitmap region into the destination bitmap with rotation (angle),
    scale and clipping (nearest neighbour, sampling each destination pixel's centre)."""
    dest = _bitmap(dest_bitmap, "dest_bitmap")
    src = _bitmap(source_bitmap, "source_bitmap")
    if dest._dio_bits < src._dio_bits:
        raise ValueError("source palette too large")
    n = np()
    ox = dest.width // 2 if ox is None else int(ox)
    oy = dest.height // 2 if oy is None else int(oy)
    px = src.width // 2 if px is None else int(px)
    py = src.height // 2 if py is None else int(py)
    dx0, dy0 = dest_clip0 or (0, 0)
    dx1, dy1 = dest_clip1 or (dest.width, dest.height)
    sx0, sy0 = source_clip0 or (0, 0)
    sx1, sy1 = source_clip1 or (src.width, src.height)
    angle = float(angle or 0.0)
    scale = float(1.0 if scale is None else scale)
    cos, sin = math.cos(angle), math.sin(angle)
    ys, xs = n.mgrid[max(0, dy0): min(dest.height, dy1), max(0, dx0): min(dest.width, dx1)]
    rx, ry = (xs - ox) / scale, (ys - oy) / scale
    u = n.floor(rx * cos + ry * sin + px).astype(n.int64)
    v = n.floor(-rx * sin + ry * cos + py).astype(n.int64)
    inside = (u >= max(0, sx0)) & (u < min(src.width, sx1)) & (v >= max(0, sy0)) & (
        v < min(src.height, sy1))
    values = src._dio_data[n.clip(v, 0, src.height - 1), n.clip(u, 0, src.width - 1)]
    if skip_index is not None:
        inside &= values != int(skip_index)
    dest._dio_data[ys[inside], xs[inside]] = values[inside]
    changed()
