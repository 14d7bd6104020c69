"""Compositing: a root Group -> an RGB888 frame -> the panel's pixel format (numpy, vectorised).

The frame is drawn painter-wise (first layer first), which gives what CircuitPython's top-down
masked fill gives.  Pixels no layer covers are 0, as CircuitPython's zeroed area buffer.
"""

from __future__ import annotations

from typing import Any

from jitvm.modules._dio_bitmap import ColorConverter, Palette, np
from jitvm.modules._dio_group import Group, TileGrid


def compose(root: Any, width: int, height: int, depth: int = 16) -> Any:
    """The RGB888 frame (height x width, uint32) that ``root`` shows on a display of ``depth``
    bits per pixel (which sets how much noise dithering shaders add)."""
    n = np()
    frame = n.zeros((height, width), dtype=n.uint32)
    if root is not None:
        _draw_group(frame, root, 0, 0, 1, depth)
    return frame


def _draw_group(frame: Any, group: Group, ox: int, oy: int, scale: int, depth: int) -> None:
    if group._dio_hidden:
        return
    ox += group._dio_x * scale
    oy += group._dio_y * scale
    scale *= group._dio_scale
    for layer in group._dio_layers:
        if isinstance(layer, Group):
            _draw_group(frame, layer, ox, oy, scale, depth)
        elif isinstance(layer, TileGrid):
            if not layer._dio_hidden:
                draw_tilegrid(frame, layer, ox + layer._dio_x * scale,
                              oy + layer._dio_y * scale, scale, depth)
        else:  # a vectorio shape (CircuitPython gives its pixels no dither coordinates)
            layer._dio_draw(frame, ox, oy, scale)


def shade(shader: Any, values: Any) -> tuple[Any, Any]:
    """(rgb888, opaque) arrays for bitmap values through a Palette / ColorConverter / None."""
    n = np()
    if isinstance(shader, Palette):
        colors, opaque = shader._lut()
        inside = values < len(colors)
        values = n.minimum(values, len(colors) - 1)
        return colors[values], opaque[values] & inside  # no colour: not drawn
    if isinstance(shader, ColorConverter):
        return shader._shade(values)
    return values.astype(n.uint32), n.ones(values.shape, dtype=bool)


def _tile_values(tg: TileGrid) -> tuple[Any, Any, Any]:
    """The bitmap values the grid shows (rows x columns of pixels, before flips/transpose),
    with the source bitmap coordinates (x, y; broadcastable) each came from."""
    n = np()
    data = tg._dio_bitmap._dio_data
    tiles = tg._dio_tiles
    tw, th = tg._dio_tw, tg._dio_th
    rows, cols = tiles.shape
    if rows == 1 and cols == 1 and tw == data.shape[1] and th == data.shape[0]:
        # the common case: one tile that is the whole bitmap
        return data, n.arange(tw)[None, :], n.arange(th)[:, None]
    per_row = data.shape[1] // tw
    ys = n.arange(rows * th)
    xs = n.arange(cols * tw)
    tile = tiles[(ys // th)[:, None], (xs // tw)[None, :]].astype(n.int64)
    sx = (tile % per_row) * tw + (xs % tw)[None, :]
    sy = (tile // per_row) * th + (ys % th)[:, None]
    return data[sy, sx], sx, sy


def _noise(n: Any, x: Any, y: Any) -> Any:
    """displayio_colorconverter_dither_noise_2 (uint32 wrap-around, float32 scaling), & 0xFF."""
    v = (x.astype(n.uint32) + y.astype(n.uint32) * n.uint32(0xFFFF)).astype(n.uint32)
    v = (v >> n.uint32(13)) ^ v
    nn = (v * (v * v * n.uint32(60493) + n.uint32(19990303)) + n.uint32(1376312589)) & n.uint32(
        0x7FFFFFFF)
    noise = ((nn.astype(n.float32) / n.float32(1073741824.0 * 2)) * n.float32(255)).astype(
        n.uint32)
    return noise & 0xFF


def dither(rgb: Any, sx: Any, sy: Any, depth: int) -> Any:
    """displayio_convert_color's dithering: noise by source pixel added before quantising."""
    n = np()
    sx, sy = n.broadcast_arrays(sx, sy)
    rand_r, rand_g, rand_b = _noise(n, sx, sy), _noise(n, sx + 33, sy), _noise(n, sx, sy + 33)
    if depth == 16:
        mr, mg, mb = 7, 3, 7
    else:
        mr = mg = mb = 0xFF >> depth
    r = n.minimum(255, ((rgb >> 16) & 0xFF) + (rand_r & mr))
    g = n.minimum(255, ((rgb >> 8) & 0xFF) + (rand_g & mg))
    b = n.minimum(255, (rgb & 0xFF) + (rand_b & mb))
    return ((r << 16) | (g << 8) | b).astype(n.uint32)


def draw_tilegrid(frame: Any, tg: TileGrid, x0: int, y0: int, scale: int,
                  depth: int = 16) -> None:
    values, sx, sy = _tile_values(tg)
    rgb, alpha = shade(tg._dio_shader, values)
    if tg._dio_shader._dio_dither:
        rgb = dither(rgb, sx, sy, depth)
    if tg._dio_flip_x:
        rgb, alpha = rgb[:, ::-1], alpha[:, ::-1]
    if tg._dio_flip_y:
        rgb, alpha = rgb[::-1], alpha[::-1]
    if tg._dio_transpose:
        rgb, alpha = rgb.T, alpha.T
    blend(frame, rgb, alpha, x0, y0, scale)


def blend(frame: Any, rgb: Any, alpha: Any, x0: int, y0: int, scale: int) -> None:
    """Copy the opaque pixels of an image (each ``scale`` x ``scale``) onto ``frame`` at x0, y0."""
    n = np()
    fh, fw = frame.shape
    h, w = rgb.shape
    # visible part, in source pixels
    sx0 = max(0, (-x0 + scale - 1) // scale) if x0 < 0 else 0
    sy0 = max(0, (-y0 + scale - 1) // scale) if y0 < 0 else 0
    sx1 = min(w, (fw - x0 + scale - 1) // scale)
    sy1 = min(h, (fh - y0 + scale - 1) // scale)
    if sx1 <= sx0 or sy1 <= sy0:
        return
    rgb = rgb[sy0:sy1, sx0:sx1]
    alpha = alpha[sy0:sy1, sx0:sx1]
    if scale > 1:
        rgb = n.repeat(n.repeat(rgb, scale, axis=0), scale, axis=1)
        alpha = n.repeat(n.repeat(alpha, scale, axis=0), scale, axis=1)
    px, py = x0 + sx0 * scale, y0 + sy0 * scale
    cx0, cy0 = max(0, -px), max(0, -py)  # scaled pixels cut at the left/top edge
    cx1 = min(rgb.shape[1], fw - px)
    cy1 = min(rgb.shape[0], fh - py)
    rgb = rgb[cy0:cy1, cx0:cx1]
    alpha = alpha[cy0:cy1, cx0:cx1]
    dst = frame[py + cy0: py + cy1, px + cx0: px + cx1]
    if alpha.all():
        dst[...] = rgb
    else:
        n.copyto(dst, rgb, where=alpha)


def to_native(frame: Any, rotation: int) -> Any:
    """The frame as the panel's RAM holds it, for a display rotated by ``rotation``."""
    if rotation == 90:
        return frame.T[:, ::-1]
    if rotation == 180:
        return frame[::-1, ::-1]
    if rotation == 270:
        return frame.T[::-1, :]
    return frame


class PixelFormat:
    """A display's colour space (CircuitPython's _displayio_colorspace_t)."""

    def __init__(self, depth: int, grayscale: bool, pixels_in_byte_share_row: bool,
                 bytes_per_cell: int, reverse_pixels_in_byte: bool,
                 reverse_bytes_in_word: bool) -> None:
        self.depth = depth
        self.grayscale = grayscale
        self.share_row = pixels_in_byte_share_row
        self.bytes_per_cell = bytes_per_cell
        self.reverse_pixels = reverse_pixels_in_byte
        self.reverse_bytes = reverse_bytes_in_word

    def convert(self, rgb: Any) -> Any:
        """RGB888 -> the pixel values CircuitPython's displayio_convert_color computes."""
        n = np()
        if self.depth == 16:
            return (((rgb >> 19) & 0x1F) << 11 | ((rgb >> 10) & 0x3F) << 5
                    | ((rgb >> 3) & 0x1F)).astype(n.uint16)
        if self.grayscale and self.depth <= 8:
            r, g, b = (rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF
            luma = (r * 19 + g * 182 + b * 54) // 255
            return ((luma >> (8 - self.depth)) & ((1 << self.depth) - 1)).astype(n.uint8)
        if self.depth in (24, 32):
            return rgb
        if self.depth == 8:
            return (((rgb >> 21) & 7) << 5 | ((rgb >> 13) & 7) << 2 | ((rgb >> 6) & 3)).astype(
                n.uint8)
        return (((rgb >> 23) & 1) << 3 | ((rgb >> 15) & 1) << 2 | ((rgb >> 7) & 1) << 1).astype(
            n.uint8)

    def pack(self, values: Any) -> bytes:
        """Pixel values of a rectangle (rows x cols) -> the bytes sent to the panel's RAM."""
        n = np()
        if self.depth == 16:
            order = ">u2" if self.reverse_bytes else "<u2"
            return values.astype(order).tobytes()
        if self.depth == 24:
            v = values.astype(n.uint32)
            return n.stack([v & 0xFF, (v >> 8) & 0xFF, (v >> 16) & 0xFF], axis=-1).astype(
                n.uint8).tobytes()
        if self.depth == 32:
            return values.astype("<u4").tobytes()
        if self.depth == 8:
            return values.astype(n.uint8).tobytes()
        return self._pack_small(values)

    def _pack_small(self, values: Any) -> bytes:
        n = np()
        ppb = 8 // self.depth
        v = values.astype(n.uint8)
        if self.share_row:  # consecutive pixels of a row share a byte
            h, w = v.shape
            groups = v.reshape(h, w // ppb, ppb)
        else:  # a byte holds ppb pixels of one column (SSD1306 pages)
            h, w = v.shape
            groups = v.reshape(h // ppb, ppb, w).transpose(0, 2, 1)
        shifts = n.arange(ppb, dtype=n.uint8) * self.depth
        if self.reverse_pixels:
            shifts = shifts[::-1]
        return (groups << shifts).sum(axis=-1).astype(n.uint8).tobytes()

    def align(self) -> tuple[int, int]:
        """(x, y) granularity of a dirty rectangle: whole bytes for sub-byte pixels."""
        if self.depth >= 8:
            return 1, 1
        ppb = 8 // self.depth * self.bytes_per_cell
        return (ppb, 1) if self.share_row else (1, ppb)


def dirty_box(old: Any, new: Any, align: tuple[int, int]) -> tuple[int, int, int, int] | None:
    """The smallest (x1, y1, x2, y2) rectangle, aligned, holding every changed pixel."""
    n = np()
    if old is None or old.shape != new.shape:
        return 0, 0, new.shape[1], new.shape[0]
    diff = old != new
    rows = n.flatnonzero(diff.any(axis=1))
    if rows.size == 0:
        return None
    cols = n.flatnonzero(diff.any(axis=0))
    ax, ay = align
    x1 = int(cols[0]) // ax * ax
    y1 = int(rows[0]) // ay * ay
    x2 = min(new.shape[1], -(-(int(cols[-1]) + 1) // ax) * ax)
    y2 = min(new.shape[0], -(-(int(rows[-1]) + 1) // ay) * ay)
    return x1, y1, x2, y2
