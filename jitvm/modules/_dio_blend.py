"""bitmaptools.alphablend, dither and replace_color, with CircuitPython's integer arithmetic
(shared-module/bitmaptools: 8.8 fixed-point factors, C division truncating toward zero,
serpentine error diffusion)."""

from __future__ import annotations

from typing import Any

from jitvm.modules import _hw
from jitvm.modules._dio_bitmap import Bitmap, Colorspace, changed, np


class _Enum:
    def __init__(self, *args: Any) -> None:
        raise TypeError(f"cannot create '{type(self).__name__}' instances")

    def __repr__(self) -> str:
        return f"bitmaptools.{type(self).__name__}.{self._name}"


class BlendMode(_Enum):
    """The blend mode for alphablend to operate use."""


class DitherAlgorithm(_Enum):
    """Identifies the algorithm for dither to use."""


def _member(cls: type, name: str) -> Any:
    obj = object.__new__(cls)
    obj._name = name
    setattr(cls, name, obj)
    return obj


_member(BlendMode, "Normal")
_member(BlendMode, "Screen")
_member(DitherAlgorithm, "Atkinson")
_member(DitherAlgorithm, "FloydStenberg")

# (dl applied to the pixel at [1, 0], terms (dx, dy, dl)) in 1/256ths
_ALGORITHMS = {
    "Atkinson": (32, ((2, 0, 32), (-1, 1, 32), (0, 1, 32), (0, 2, 32))),
    "FloydStenberg": (112, ((-1, 1, 48), (0, 1, 80), (1, 1, 16))),
}


def _cdiv(a: int, b: int) -> int:
    """C's integer division (truncates toward zero)."""
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b > 0) else -q


def _check(obj: Any, name: str) -> Bitmap:
    if not isinstance(obj, Bitmap):
        raise TypeError(f"{name} must be of type Bitmap, not {_hw.type_name(obj)}")
    return obj


def replace_color(dest_bitmap: Bitmap, old_color: int, new_color: int) -> None:
    """Replace any pixel of old_color with new_color in the dest_bitmap."""
    dest = _check(dest_bitmap, "bitmap")
    depth = 1 << dest._dio_bits
    if not (0 <= old_color < depth and 0 <= new_color < depth):
        raise ValueError("color out of range")
    data = dest._dio_data
    data[data == old_color] = new_color
    changed()


def _luminance(source: Bitmap, space: str) -> Any:
    data = source._dio_data.astype(np().int32)
    if source._dio_bits == 8:
        return data
    if space.endswith("_SWAPPED"):
        data = ((data & 0xFF) << 8) | ((data >> 8) & 0xFF)
    r, g, b = (data >> 8) & 0xF8, (data >> 3) & 0xFC, (data << 3) & 0xF8
    if space.startswith("BGR"):
        r, b = b, r
    return (r * 78 + g * 154 + b * 29) // 256


def dither(dest_bitmap: Bitmap, source_bitmap: Bitmap, source_colorspace: Colorspace,
           algorithm: DitherAlgorithm = DitherAlgorithm.Atkinson) -> None:
    """Convert an input image into a dithered monochrome image."""
    source = _check(source_bitmap, "source_bitmap")
    dest = _check(dest_bitmap, "dest_bitmap")
    if not isinstance(algorithm, DitherAlgorithm):
        raise TypeError(f"algorithm must be of type DitherAlgorithm, not "
                        f"{_hw.type_name(algorithm)}")
    if not isinstance(source_colorspace, Colorspace):
        raise TypeError(f"source_colorspace must be of type Colorspace, not "
                        f"{_hw.type_name(source_colorspace)}")
    if (source.width, source.height) != (dest.width, dest.height):
        raise TypeError("bitmap sizes must match")
    if dest._dio_bits not in (16, 1):
        raise TypeError("source_bitmap must have value_count of 2 or 65536")
    space = source_colorspace._dio_name
    if space in ("RGB565", "RGB565_SWAPPED", "BGR565", "BGR565_SWAPPED"):
        if source._dio_bits != 16:
            raise TypeError("source_bitmap must have value_count of 65536")
    elif space == "L8":
        if source._dio_bits != 8:
            raise TypeError("source_bitmap must have value_count of 8")
    else:
        raise TypeError("unsupported colorspace for dither")
    lum = _luminance(source, space).tolist()
    dest._dio_data[:, :] = _diffuse(lum, dest.width, dest.height, *_ALGORITHMS[algorithm._name],
                                    1 if dest._dio_bits == 1 else 65535)
    changed()


def _diffuse(lum: list, width: int, height: int, dl_next: int, terms: tuple, on: int) -> list:
    """common_hal_bitmaptools_dither: rows scanned left-right then right-left."""
    mx = max(abs(t[0]) for t in terms)
    rows = [[0] * (width + 2 * mx) for _ in range(3)]

    def fill(row: list, y: int) -> None:
        if y < height:
            row[:] = [0] * mx + lum[y] + [0] * mx

    for i in range(3):
        fill(rows[i], i)
    out_rows = []
    err = 0
    y = 0
    while y < height:
        for direction in (1, -1):
            out = [0] * width
            xs = range(width) if direction == 1 else range(width - 1, -1, -1)
            for x in xs:
                pixel_in = rows[0][x + mx] + err
                lit = pixel_in >= 128
                out[x] = on if lit else 0
                err = pixel_in - (255 if lit else 0)
                for dx, dy, dl in terms:
                    rows[dy][x + direction * dx + mx] += _cdiv(dl * err, 256)
                err = _cdiv(err * dl_next, 256)
            out_rows.append(out)
            rows = [rows[1], rows[2], rows[0]]
            y += 1
            if y == height:
                break
            fill(rows[2], y + 2)
    return out_rows


def alphablend(dest_bitmap: Bitmap, source_bitmap_1: Bitmap, source_bitmap_2: Bitmap,
               colorspace: Colorspace, factor_1: float | None = None,
               factor_2: float | None = None, *, blendmode: BlendMode = BlendMode.Normal,
               skip_source1_index: int | None = None, skip_source2_index: int | None = None,
               mask: Bitmap | None = None) -> None:
    """Alpha blend the two source bitmaps into the destination."""
    dest = _check(dest_bitmap, "dest_bitmap")
    s1 = _check(source_bitmap_1, "source_bitmap_1")
    s2 = _check(source_bitmap_2, "source_bitmap_2")
    f1 = 0.5 if factor_1 is None else float(factor_1)
    f2 = 1 - f1 if factor_2 is None else float(factor_2)
    if not isinstance(colorspace, Colorspace):
        raise TypeError(f"colorspace must be of type Colorspace, not {_hw.type_name(colorspace)}")
    shape = (dest.width, dest.height, dest._dio_bits)
    if (s1.width, s1.height, s1._dio_bits) != shape or (s2.width, s2.height, s2._dio_bits) != shape:
        raise ValueError("Bitmap size and bits per value must match")
    space = colorspace._dio_name
    if space == "L8":
        if dest._dio_bits != 8:
            raise ValueError("For L8 colorspace, input bitmap must have 8 bits per pixel")
    elif space in ("RGB565", "RGB565_SWAPPED", "BGR565", "BGR565_SWAPPED"):
        if dest._dio_bits != 16:
            raise ValueError("For RGB colorspaces, input bitmap must have 16 bits per pixel")
    else:
        raise ValueError("Unsupported colorspace")
    if mask is not None:
        mask = _check(mask, "mask")
        if (mask.width, mask.height) != (dest.width, dest.height):
            raise ValueError("Mask bitmap size must match the other bitmaps")
        if mask._dio_bits != 8:
            raise ValueError("Mask bitmap must have 8 bits per pixel")
    from jitvm.modules._dio_alpha import blend_arrays

    dest._dio_data[:, :] = blend_arrays(
        dest._dio_data, s1._dio_data, s2._dio_data, space, int(f1 * 256), int(f2 * 256),
        blendmode is BlendMode.Screen, skip_source1_index, skip_source2_index,
        None if mask is None else mask._dio_data)
    changed()
