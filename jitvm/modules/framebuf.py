"""Guest module `framebuf`: MicroPython's frame buffers drawing into a guest buffer.

Behaviour follows MicroPython's extmod/modframebuf.c (read for facts): the pixel formats and
their bit layouts, the buffer-size rule, clipping, the line, ellipse and polygon algorithms
(integer steps as MicroPython takes them, so pixels match), blit with a transparent key and a
palette, scroll and the 8x8 text font (extracted from the MicroPython binary:
tools/gen_framebuf_font.py).  RGB565 pixels are stored little-endian, as MicroPython on the
x64 unix port and on ARM boards does.  Writes go straight into the guest's buffer.
"""

from __future__ import annotations

import numpy as np

from jitvm.modules._framebuf_font import FONT_8X8
from jitvm.modules._stdconv import buffer_of, get_int, require_buffer, type_name

__all__ = ["FrameBuffer", "FrameBuffer1", "MVLSB", "MONO_VLSB", "RGB565", "GS2_HMSB",
           "GS4_HMSB", "GS8", "MONO_HLSB", "MONO_HMSB"]  # fmt: skip

MVLSB = MONO_VLSB = 0
RGB565 = 1
GS4_HMSB = 2
MONO_HLSB = 3
MONO_HMSB = 4
GS2_HMSB = 5
GS8 = 6

_U32 = 0xFFFFFFFF
# ellipse quadrant mask bits (Q2 Q1 / Q3 Q4) and the fill flag
_Q1, _Q2, _Q3, _Q4, _FILL, _ALL = 1, 2, 4, 8, 0x10, 0x0F


def _truthy(obj: object) -> bool:
    return bool(obj)


class FrameBuffer:
    """FrameBuffer(buffer, width, height, format[, stride])"""

    __guest_subclassable__ = True

    def __init__(self, buffer, width, height, format, stride=None) -> None:  # noqa: A002
        self._setup(buffer, width, height, format, stride, writable=True)

    # -- construction -------------------------------------------------------------------------
    def _setup(self, buffer, width, height, fmt, stride, writable: bool) -> None:
        width, height, fmt = get_int(width), get_int(height), get_int(fmt)
        stride = width if stride is None else get_int(stride)
        if width < 1 or height < 1 or width > 0xFFFF or height > 0xFFFF or stride > 0xFFFF \
                or stride < width:  # fmt: skip
            raise ValueError()
        bpp, height_req, width_req, strides_req = 1, height, width, height - 1
        if fmt == MVLSB:
            height_req = (height + 7) & ~7
            strides_req = height_req - 8
        elif fmt in (MONO_HLSB, MONO_HMSB):
            stride, width_req = (stride + 7) & ~7, (width + 7) & ~7
        elif fmt == GS2_HMSB:
            stride, width_req, bpp = (stride + 3) & ~3, (width + 3) & ~3, 2
        elif fmt == GS4_HMSB:
            stride, width_req, bpp = (stride + 1) & ~1, (width + 1) & ~1, 4
        elif fmt == GS8:
            bpp = 8
        elif fmt == RGB565:
            bpp = 16
        else:
            raise ValueError("invalid format")
        raw = require_buffer(buffer, writable)
        if (strides_req * stride + (height_req - strides_req) * width_req) * bpp // 8 > len(raw):
            raise ValueError()
        self._obj, self._raw = buffer, raw
        self._w, self._h, self._stride, self._fmt = width, height, stride, fmt

    def __jitvm_buffer__(self):
        return buffer_of(self._obj, True) or buffer_of(self._obj)

    def __bytes__(self) -> bytes:
        return bytes(self._raw)

    def __iter__(self):
        # The guest's bytearray() is the host's, which takes an iterable of ints when there is
        # no (host) buffer: bytearray(fbuf) copies the bytes, as MicroPython's does.  (Known
        # difference: MicroPython cannot iterate a FrameBuffer.)
        return iter(bytes(self._raw))

    # -- one pixel (x, y inside; as MicroPython's setpixel/getpixel per format) ----------------
    def _set(self, x: int, y: int, col: int) -> None:
        b, fmt, stride = self._raw, self._fmt, self._stride
        if fmt == MVLSB:
            i, bit = (y >> 3) * stride + x, y & 7
            b[i] = (b[i] & ~(1 << bit) & 0xFF) | ((col & _U32 != 0) << bit)
        elif fmt == RGB565:
            i = (x + y * stride) * 2
            b[i], b[i + 1] = col & 0xFF, (col >> 8) & 0xFF
        elif fmt == GS8:
            b[x + y * stride] = col & 0xFF
        elif fmt == GS4_HMSB:
            i = (x + y * stride) >> 1
            b[i] = (col & 0x0F) | (b[i] & 0xF0) if x & 1 else ((col << 4) & 0xFF) | (b[i] & 0x0F)
        elif fmt == GS2_HMSB:
            i, shift = (x + y * stride) >> 2, (x & 3) << 1
            b[i] = ((col & 3) << shift) | (b[i] & ~(3 << shift) & 0xFF)
        else:  # MONO_HLSB / MONO_HMSB
            i = (x + y * stride) >> 3
            bit = x & 7 if fmt == MONO_HMSB else 7 - (x & 7)
            b[i] = (b[i] & ~(1 << bit) & 0xFF) | ((col & _U32 != 0) << bit)

    def _get(self, x: int, y: int) -> int:
        b, fmt, stride = self._raw, self._fmt, self._stride
        if fmt == MVLSB:
            return (b[(y >> 3) * stride + x] >> (y & 7)) & 1
        if fmt == RGB565:
            i = (x + y * stride) * 2
            return b[i] | b[i + 1] << 8
        if fmt == GS8:
            return b[x + y * stride]
        if fmt == GS4_HMSB:
            v = b[(x + y * stride) >> 1]
            return v & 0x0F if x & 1 else v >> 4
        if fmt == GS2_HMSB:
            return (b[(x + y * stride) >> 2] >> ((x & 3) << 1)) & 3
        bit = x & 7 if fmt == MONO_HMSB else 7 - (x & 7)
        return (b[(x + y * stride) >> 3] >> bit) & 1

    def _set_checked(self, x: int, y: int, col: int, mask: int = 1) -> None:
        if mask and 0 <= x < self._w and 0 <= y < self._h:
            self._set(x, y, col)

    # -- rectangles (clipped), vectorised where the layout allows ------------------------------
    def _fill_rect(self, x: int, y: int, w: int, h: int, col: int) -> None:
        if h < 1 or w < 1 or x + w <= 0 or y + h <= 0 or y >= self._h or x >= self._w:
            return
        xend, yend = min(self._w, x + w), min(self._h, y + h)
        x, y = max(x, 0), max(y, 0)
        self._fill_clipped(x, y, xend - x, yend - y, col)

    def _fill_clipped(self, x: int, y: int, w: int, h: int, col: int) -> None:
        fmt, stride = self._fmt, self._stride
        arr = np.frombuffer(self._raw, np.uint8)
        if fmt == GS8:
            for yy in range(y, y + h):
                start = yy * stride + x
                arr[start : start + w] = col & 0xFF
        elif fmt == RGB565:
            px = arr[: len(arr) & ~1].view("<u2")
            for yy in range(y, y + h):
                start = yy * stride + x
                px[start : start + w] = col & 0xFFFF
        elif fmt == MVLSB:
            on = col & _U32 != 0
            for yy in range(y, y + h):
                start, bit = (yy >> 3) * stride + x, np.uint8(1 << (yy & 7))
                seg = arr[start : start + w]
                if on:
                    seg |= bit
                else:
                    seg &= ~bit
        else:
            for yy in range(y, y + h):
                for xx in range(x, x + w):
                    self._set(xx, yy, col)

    # -- the guest API ----------------------------------------------------------------------
    def fill(self, c) -> None:
        self._fill_clipped(0, 0, self._w, self._h, get_int(c))

    def fill_rect(self, x, y, w, h, c) -> None:
        self._fill_rect(get_int(x), get_int(y), get_int(w), get_int(h), get_int(c))

    def pixel(self, x, y, c=None):
        x, y = get_int(x), get_int(y)
        if 0 <= x < self._w and 0 <= y < self._h:
            if c is None:
                return self._get(x, y)
            self._set(x, y, get_int(c))
        return None

    def hline(self, x, y, w, c) -> None:
        self._fill_rect(get_int(x), get_int(y), get_int(w), 1, get_int(c))

    def vline(self, x, y, h, c) -> None:
        self._fill_rect(get_int(x), get_int(y), 1, get_int(h), get_int(c))

    def rect(self, x, y, w, h, c, f=False) -> None:
        x, y, w, h, c = get_int(x), get_int(y), get_int(w), get_int(h), get_int(c)
        if _truthy(f):
            self._fill_rect(x, y, w, h, c)
        else:
            self._fill_rect(x, y, w, 1, c)
            self._fill_rect(x, y + h - 1, w, 1, c)
            self._fill_rect(x, y, 1, h, c)
            self._fill_rect(x + w - 1, y, 1, h, c)

    def line(self, x1, y1, x2, y2, c) -> None:
        self._line(get_int(x1), get_int(y1), get_int(x2), get_int(y2), get_int(c))

    def _line(self, x1: int, y1: int, x2: int, y2: int, col: int) -> None:
        dx, sx = (x2 - x1, 1) if x2 - x1 > 0 else (x1 - x2, -1)
        dy, sy = (y2 - y1, 1) if y2 - y1 > 0 else (y1 - y2, -1)
        steep = dy > dx
        if steep:
            x1, y1, dx, dy, sx, sy = y1, x1, dy, dx, sy, sx
        e = 2 * dy - dx
        w, h = self._w, self._h
        for _ in range(dx):
            if steep:
                if 0 <= y1 < w and 0 <= x1 < h:
                    self._set(y1, x1, col)
            elif 0 <= x1 < w and 0 <= y1 < h:
                self._set(x1, y1, col)
            while e >= 0:
                y1 += sy
                e -= 2 * dx
            x1 += sx
            e += 2 * dy
        self._set_checked(x2, y2, col)

    def ellipse(self, x, y, xr, yr, c, f=False, m=None) -> None:
        cx, cy, a, b, col = get_int(x), get_int(y), get_int(xr), get_int(yr), get_int(c)
        mask = _FILL if _truthy(f) else 0
        mask |= _ALL if m is None else get_int(m) & _ALL
        if a == 0 and b == 0:
            self._set_checked(cx, cy, col, mask & _ALL)
            return
        for px, py in _ellipse_points(a, b):
            self._ellipse_points(cx, cy, px, py, col, mask)

    def _ellipse_points(self, cx, cy, x, y, col, mask) -> None:
        if mask & _FILL:
            if mask & _Q1:
                self._fill_rect(cx, cy - y, x + 1, 1, col)
            if mask & _Q2:
                self._fill_rect(cx - x, cy - y, x + 1, 1, col)
            if mask & _Q3:
                self._fill_rect(cx - x, cy + y, x + 1, 1, col)
            if mask & _Q4:
                self._fill_rect(cx, cy + y, x + 1, 1, col)
        else:
            self._set_checked(cx + x, cy - y, col, mask & _Q1)
            self._set_checked(cx - x, cy - y, col, mask & _Q2)
            self._set_checked(cx - x, cy + y, col, mask & _Q3)
            self._set_checked(cx + x, cy + y, col, mask & _Q4)

    def poly(self, x, y, coords, c, f=False) -> None:
        x, y = get_int(x), get_int(y)
        pts = _coords(coords)
        n = len(pts) // 2
        if n == 0:
            return
        col = get_int(c)
        if _truthy(f):
            _poly_fill(self, x, y, pts, n, col)
            return
        px1, py1 = pts[0], pts[1]
        for k in range(n - 1, -1, -1):  # MicroPython walks the vertices backwards from the last
            px2, py2 = pts[2 * k], pts[2 * k + 1]
            self._line(x + px1, y + py1, x + px2, y + py2, col)
            px1, py1 = px2, py2

    def blit(self, fbuf, x, y, key=-1, palette=None) -> None:
        source = _readonly_framebuffer(fbuf)
        x, y, key = get_int(x), get_int(y), get_int(key) & _U32
        pal = None if palette is None else _readonly_framebuffer(palette)
        if x >= self._w or y >= self._h or -x >= source._w or -y >= source._h:
            return
        x0, y0, x1, y1 = max(0, x), max(0, y), max(0, -x), max(0, -y)
        x0end, y0end = min(self._w, x + source._w), min(self._h, y + source._h)
        if np.shares_memory(np.frombuffer(source._raw, np.uint8), np.frombuffer(self._raw, np.uint8)):
            # blitting a buffer onto itself: MicroPython reads pixels it has just written
            _blit_pixels(self, source, pal, key, (x0, y0, x1, y1, x0end, y0end))
            return
        src = _decode(source)[y1 : y1 + y0end - y0, x1 : x1 + x0end - x0].astype(np.int64)
        if pal is not None:
            colours = _decode(pal)[0, : pal._w].astype(np.int64)
            src = np.where(src < pal._w, colours[np.minimum(src, pal._w - 1)], 0)
        px = _decode(self)
        region = px[y0:y0end, x0:x0end]
        region[...] = np.where(src != key, src, region)
        _encode(self, px)

    def scroll(self, xstep, ystep) -> None:
        xstep, ystep = get_int(xstep), get_int(ystep)
        w, h = self._w, self._h
        if abs(xstep) >= w or abs(ystep) >= h:
            return
        # MicroPython copies pixel by pixel from the far end, so every pixel comes from the
        # picture as it was: one shifted array copy does the same
        px = _decode(self)
        xd = slice(0, w + xstep) if xstep < 0 else slice(xstep, w)
        yd = slice(0, h + ystep) if ystep < 0 else slice(ystep, h)
        xs = slice(xd.start - xstep, xd.stop - xstep)
        ys = slice(yd.start - ystep, yd.stop - ystep)
        px[yd, xd] = px[ys, xs].copy()
        _encode(self, px)

    def text(self, s, x, y, c=1) -> None:
        if isinstance(s, str):
            data = s.encode("utf-8", "surrogatepass")
        elif isinstance(s, (bytes, bytearray)):
            data = bytes(s)
        else:
            raise TypeError(f"can't convert '{type_name(s)}' object to str implicitly")
        x0, y0, col = get_int(x), get_int(y), get_int(c)
        w, h = self._w, self._h
        for ch in data:
            if ch == 0:
                break  # a C string ends at NUL
            if ch < 32 or ch > 127:
                ch = 127
            glyph = FONT_8X8[(ch - 32) * 8 : (ch - 32) * 8 + 8]
            for column in glyph:
                if 0 <= x0 < w:
                    yy = y0
                    while column:
                        if column & 1 and 0 <= yy < h:
                            self._set(x0, yy, col)
                        column >>= 1
                        yy += 1
                x0 += 1


def _blit_pixels(fb: FrameBuffer, source: FrameBuffer, pal, key: int, box) -> None:
    """blit pixel by pixel in MicroPython's order (rows top down, columns left to right)."""
    x0, y0, x1, y1, x0end, y0end = box
    for yy in range(y0, y0end):
        sx = x1
        for xx in range(x0, x0end):
            col = source._get(sx, y1)
            if pal is not None:
                col = pal._get(col, 0) if col < pal._w else 0
            if col != key:
                fb._set(xx, yy, col)
            sx += 1
        y1 += 1


def _geometry(fb: FrameBuffer) -> tuple[int, int]:
    """(rows, bytes a row) of the whole buffer as the format lays it out."""
    fmt, stride = fb._fmt, fb._stride
    if fmt == MVLSB:
        return (fb._h + 7) // 8, stride
    per_byte = {RGB565: 0.5, GS8: 1, GS4_HMSB: 2, GS2_HMSB: 4}.get(fmt, 8)
    return fb._h, int(stride / per_byte)


def _decode(fb: FrameBuffer) -> np.ndarray:
    """Every pixel of the buffer (stride wide, padding included) as a 2-D int array."""
    fmt = fb._fmt
    rows, row_bytes = _geometry(fb)
    raw = np.frombuffer(fb._raw, np.uint8)[: rows * row_bytes]
    b = np.zeros(rows * row_bytes, np.uint8)
    b[: len(raw)] = raw  # the last row may be shorter than the stride
    b = b.reshape(rows, row_bytes)
    if fmt == MVLSB:
        return np.unpackbits(b, axis=0, bitorder="little").astype(np.int64)
    if fmt == RGB565:
        return b.view("<u2").astype(np.int64)
    if fmt == GS8:
        return b.astype(np.int64)
    if fmt == GS4_HMSB:
        return np.stack([b >> 4, b & 15], 2).reshape(rows, -1).astype(np.int64)
    if fmt == GS2_HMSB:
        return np.stack([(b >> s) & 3 for s in (0, 2, 4, 6)], 2).reshape(rows, -1).astype(np.int64)
    order = "little" if fmt == MONO_HMSB else "big"
    return np.unpackbits(b, axis=1, bitorder=order).astype(np.int64)


def _encode(fb: FrameBuffer, px: np.ndarray) -> None:
    """Write pixels from ``_decode``'s layout back, each truncated as setpixel stores it."""
    fmt = fb._fmt
    rows, row_bytes = _geometry(fb)
    if fmt in (MVLSB, MONO_HLSB, MONO_HMSB):
        bits = ((px & _U32) != 0).astype(np.uint8)
        if fmt == MVLSB:
            b = np.packbits(bits, axis=0, bitorder="little")
        else:
            b = np.packbits(bits, axis=1, bitorder="little" if fmt == MONO_HMSB else "big")
    elif fmt == RGB565:
        b = (px & 0xFFFF).astype("<u2").view(np.uint8)
    elif fmt == GS8:
        b = (px & 0xFF).astype(np.uint8)
    elif fmt == GS4_HMSB:
        p = (px & 15).astype(np.uint8).reshape(rows, -1, 2)
        b = (p[:, :, 0] << 4) | p[:, :, 1]
    else:
        p = (px & 3).astype(np.uint8).reshape(rows, -1, 4)
        b = p[:, :, 0] | (p[:, :, 1] << 2) | (p[:, :, 2] << 4) | (p[:, :, 3] << 6)
    flat = np.ascontiguousarray(b).reshape(-1)
    n = min(len(flat), len(fb._raw), rows * row_bytes)
    fb._raw[:n] = flat[:n].tobytes()


def _ellipse_points(a: int, b: int):
    """The (x, y) steps of MicroPython's midpoint ellipse, first region then second."""
    two_a2, two_b2 = 2 * a * a, 2 * b * b
    x, y = a, 0
    xchange, ychange, err = b * b * (1 - 2 * a), a * a, 0
    stop_x, stop_y = two_b2 * a, 0
    while stop_x >= stop_y:
        yield x, y
        y += 1
        stop_y += two_a2
        err += ychange
        ychange += two_a2
        if 2 * err + xchange > 0:
            x -= 1
            stop_x -= two_b2
            err += xchange
            xchange += two_b2
    x, y = 0, b
    xchange, ychange, err = b * b, a * a * (1 - 2 * b), 0
    stop_x, stop_y = 0, two_a2 * b
    while stop_x <= stop_y:
        yield x, y
        x += 1
        stop_x += two_b2
        err += xchange
        xchange += two_b2
        if 2 * err + ychange > 0:
            y -= 1
            stop_y -= two_a2
            err += ychange
            ychange += two_a2


def _cdiv(a: int, b: int) -> int:
    """C's integer division (truncates toward zero)."""
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b >= 0) else -q


def _poly_fill(fb: FrameBuffer, x: int, y: int, pts: list[int], n: int, col: int) -> None:
    """Scan-line fill as MicroPython does it (nodes where edges cross each row, bottom pixel
    of an edge left out, local minima and flat edges drawn separately)."""
    ys = pts[1::2][:n]
    for row in range(min(ys), max(ys) + 1):
        nodes = []
        px1, py1 = pts[0], pts[1]
        for k in range(n - 1, -1, -1):
            px2, py2 = pts[2 * k], pts[2 * k + 1]
            if py1 != py2 and ((py1 > row >= py2) or (py1 <= row < py2)):
                nodes.append(_cdiv(32 * px1 + _cdiv(32 * (px2 - px1) * (row - py1), py2 - py1)
                                   + 16, 32))  # fmt: skip
            elif row == max(py1, py2):
                if py1 < py2:
                    fb._set_checked(x + px2, y + py2, col)
                elif py2 < py1:
                    fb._set_checked(x + px1, y + py1, col)
                else:
                    fb._line(x + px1, y + py1, x + px2, y + py2, col)
            px1, py1 = px2, py2
        nodes.sort()
        for i in range(0, len(nodes) - 1, 2):
            fb._fill_rect(x + nodes[i], y + row, nodes[i + 1] - nodes[i] + 1, 1, col)


def _coords(obj) -> list[int]:
    """The ints of a buffer, by its item type (array('h', ...), bytes, memoryview...)."""
    from jitvm.modules.array import array

    if isinstance(obj, array):
        return [int(v) for v in obj]
    if isinstance(obj, memoryview):
        return [int(v) for v in obj.tolist()]
    return list(require_buffer(obj))


def _readonly_framebuffer(obj) -> FrameBuffer:
    if isinstance(obj, FrameBuffer):
        return obj
    if not isinstance(obj, (tuple, list)):
        raise TypeError(f"object '{type_name(obj)}' isn't a tuple or list")
    if not 4 <= len(obj) <= 5:
        raise ValueError()
    fb = FrameBuffer.__new__(FrameBuffer)
    fb._setup(obj[0], obj[1], obj[2], obj[3], obj[4] if len(obj) == 5 else None, writable=False)
    return fb


def FrameBuffer1(buffer, width, height, stride=None) -> FrameBuffer:
    """The old constructor: a MONO_VLSB FrameBuffer."""
    return FrameBuffer(buffer, width, height, MVLSB, width if stride is None else stride)
