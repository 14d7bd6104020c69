"""displayio's pixel sources and shaders: Bitmap, Palette, ColorConverter, Colorspace, OnDiskBitmap.

Pixel data lives in numpy arrays (imported on first use, so programs without displayio never pay
for numpy).  Every mutation bumps :data:`CHANGES`, which displays compare to skip refreshes when
nothing changed (CircuitPython tracks dirty areas per object; we diff the rendered frame instead).
"""

from __future__ import annotations

from typing import Any

from jitvm.modules import _hw

__all__ = ["Bitmap", "ColorConverter", "Colorspace", "OnDiskBitmap", "Palette"]

_np: Any = None


def np() -> Any:
    """numpy, imported on first use."""
    global _np
    if _np is None:
        import numpy

        _np = numpy
    return _np


class _Changes:
    """A counter of changes to anything displayable (read by displays)."""

    count = 0


CHANGES = _Changes()


def changed() -> None:
    CHANGES.count += 1


def _int(value: Any, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be of type int, not {_hw.type_name(value)}")
    return value


def bits_for(value_count: int) -> int:
    """CircuitPython's bits per value for ``value_count`` values: 1, 2, 4, 8, 16, 24, 32."""
    bits = 1
    while (value_count - 1) >> bits:
        bits = bits << 1 if bits < 8 else bits + 8
    return bits


class Bitmap:
    """Stores values of a certain size in a 2D array."""

    __guest_subclassable__ = True

    def __init__(self, width: int, height: int, value_count: int) -> None:
        width = _hw.int_range(width, 0, 32767, "width")
        height = _hw.int_range(height, 0, 32767, "height")
        value_count = _hw.int_range(value_count, 1, 65536, "value_count")
        self._dio_setup(width, height, bits_for(value_count))

    def _dio_setup(self, width: int, height: int, bits: int, read_only: bool = False) -> None:
        if bits > 8 and bits not in (16, 32):
            raise NotImplementedError("Invalid bits per value")
        n = np()
        # CircuitPython's memory layout: rows of whole 32-bit words.  For 8/16/32 bits a value
        # the pixels are a view into those bytes, so the buffer protocol aliases them.
        row_bytes = (width * bits + 31) // 32 * 4
        self._dio_packed: bytearray | None = None
        if bits >= 8 and row_bytes * height:
            raw = bytearray(row_bytes * height)
            dtype = {8: n.uint8, 16: "<u2", 32: "<u4"}[bits]
            view = n.frombuffer(raw, dtype=dtype).reshape(height, row_bytes * 8 // bits)
            self._dio_raw: bytearray | None = raw
            self._dio_data = view[:, :width]
        else:
            self._dio_raw = None
            self._dio_data = n.zeros((height, width), dtype=n.uint8 if bits <= 8 else n.uint32)
        self._dio_bits = bits
        self._dio_max = (1 << bits) - 1
        self._dio_read_only = read_only
        changed()

    def __jitvm_buffer__(self) -> bytearray | bytes:
        """The bitmap's bytes in CircuitPython's layout (rows padded to 32 bits; sub-byte values
        packed from the most significant bits).  8/16/32-bit bitmaps share them; for 1/2/4 bits
        writes through the buffer reach the pixels at ``dirty()``, as CircuitPython asks."""
        if self._dio_raw is not None:
            return bytes(self._dio_raw) if self._dio_read_only else self._dio_raw
        n = np()
        bits = self._dio_bits
        h, w = self._dio_data.shape
        row_bytes = (w * bits + 31) // 32 * 4
        per = 8 // bits
        padded = n.zeros((h, row_bytes * per), dtype=n.uint8)
        padded[:, :w] = self._dio_data
        groups = padded.reshape(h, row_bytes, per)
        shifts = (n.arange(per - 1, -1, -1) * bits).astype(n.uint8)
        packed = bytearray((groups << shifts).sum(axis=2).astype(n.uint8).tobytes())
        if self._dio_read_only:
            return bytes(packed)
        self._dio_packed = packed
        return packed

    def __bytes__(self) -> bytes:  # bytes(bitmap): the raw buffer, as in CircuitPython
        return bytes(self.__jitvm_buffer__())

    @property
    def _code(self) -> str:
        """memoryview(bitmap)'s item type, as CircuitPython's get_buffer gives it."""
        return {32: "I", 16: "H"}.get(self._dio_bits, "B")

    def _sync_packed(self) -> None:
        packed = self._dio_packed
        if packed is None:
            return
        n = np()
        bits = self._dio_bits
        h, w = self._dio_data.shape
        per = 8 // bits
        raw = n.frombuffer(bytes(packed), dtype=n.uint8).reshape(h, -1)
        shifts = (n.arange(per - 1, -1, -1) * bits).astype(n.uint8)
        values = (raw[:, :, None] >> shifts) & self._dio_max
        self._dio_data[:, :] = values.reshape(h, -1)[:, :w]

    @classmethod
    def _from_array(cls, array: Any, bits: int, read_only: bool = False) -> Bitmap:
        bitmap = object.__new__(cls)
        bitmap._dio_setup(array.shape[1], array.shape[0], bits, read_only)
        bitmap._dio_data[:, :] = array
        return bitmap

    @property
    def width(self) -> int:
        """Width of the bitmap."""
        return self._dio_data.shape[1]

    @property
    def height(self) -> int:
        """Height of the bitmap."""
        return self._dio_data.shape[0]

    @property
    def bits_per_value(self) -> int:
        """Bits per cell of the bitmap."""
        return self._dio_bits

    def _xy(self, index: Any) -> tuple[int, int]:
        if isinstance(index, slice):
            raise NotImplementedError("Slices not supported")
        h, w = self._dio_data.shape
        if isinstance(index, tuple):
            if len(index) != 2:
                raise TypeError(f"requested length 2 but object has length {len(index)}")
            x, y = _int(index[0], "x"), _int(index[1], "y")
            if not 0 <= x < w:
                raise IndexError(f"x must be 0-{w - 1}")
            if not 0 <= y < h:
                raise IndexError(f"y must be 0-{h - 1}")
            return x, y
        i = _int(index, "index")
        if not 0 <= i < w * h:
            raise IndexError(f"index must be 0-{w * h - 1}")
        return i % w, i // w

    def __getitem__(self, index: Any) -> int:
        x, y = self._xy(index)
        return int(self._dio_data[y, x])

    def __setitem__(self, index: Any, value: Any) -> None:
        if self._dio_read_only:
            raise RuntimeError("Read-only")
        x, y = self._xy(index)
        value = _int(value, "value")
        if not 0 <= value <= self._dio_max:
            raise ValueError(f"value must be 0-{self._dio_max}")
        self._dio_data[y, x] = value
        CHANGES.count += 1

    def __delitem__(self, index: Any) -> None:
        raise AttributeError("Cannot delete values")

    def fill(self, value: int) -> None:
        """Fills the bitmap with the supplied palette index value."""
        if self._dio_read_only:
            raise RuntimeError("Read-only")
        value = _int(value, "value")
        if not 0 <= value <= self._dio_max:
            raise ValueError(f"value must be 0-{self._dio_max}")
        self._dio_data.fill(value)
        changed()

    def dirty(self, x1: int = 0, y1: int = 0, x2: int = -1, y2: int = -1) -> None:
        """Inform displayio of bitmap updates done via the buffer protocol."""
        self._sync_packed()
        changed()

    def deinit(self) -> None:
        """Release resources allocated by Bitmap."""
        changed()


def _color_from(value: Any) -> int:
    """Palette's colour argument: int 0xRRGGBB, (r, g, b) tuple/list, or a 3/4-byte buffer."""
    if isinstance(value, (tuple, list)):
        if len(value) != 3:
            raise TypeError("color buffer must be a buffer, tuple, list, or int")
        r, g, b = (_hw.int_range(c, 0, 255, "color") for c in value)
        return r << 16 | g << 8 | b
    if isinstance(value, int) and not isinstance(value, bool):
        if not 0 <= value <= 0xFFFFFF:
            raise TypeError("color must be between 0x000000 and 0xffffff")
        return value
    if isinstance(value, (bytes, bytearray, memoryview)):
        data = bytes(value)
        if len(data) not in (3, 4):
            raise ValueError("color buffer must be 3 bytes (RGB) or 4 bytes (RGB + pad byte)")
        return data[0] << 16 | data[1] << 8 | data[2]
    raise TypeError("color buffer must be a buffer, tuple, list, or int")


class Palette:
    """Map a pixel palette_index to a full color."""

    __guest_subclassable__ = True

    def __init__(self, color_count: int, *, dither: bool = False) -> None:
        color_count = _hw.int_range(color_count, 1, 32767, "color_count")
        self._dio_colors = [0] * color_count
        self._dio_transparent = [False] * color_count
        self._dio_dither = bool(dither)
        self._dio_lut: Any = None

    def _index(self, index: Any) -> int:
        if isinstance(index, slice):
            raise NotImplementedError("Slices not supported")
        i = _int(index, "palette_index")
        n = len(self._dio_colors)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError("palette_index out of range")
        return i

    def __len__(self) -> int:
        return len(self._dio_colors)

    def __getitem__(self, index: Any) -> int:
        return self._dio_colors[self._index(index)]

    def __setitem__(self, index: Any, value: Any) -> None:
        i = self._index(index)
        self._dio_colors[i] = _color_from(value)
        self._dio_lut = None
        changed()

    def _checked(self, palette_index: Any) -> int:
        i = _int(palette_index, "palette_index")
        if not 0 <= i < len(self._dio_colors):
            raise ValueError(f"palette_index must be 0-{len(self._dio_colors) - 1}")
        return i

    def make_transparent(self, palette_index: int) -> None:
        self._dio_transparent[self._checked(palette_index)] = True
        self._dio_lut = None
        changed()

    def make_opaque(self, palette_index: int) -> None:
        self._dio_transparent[self._checked(palette_index)] = False
        self._dio_lut = None
        changed()

    def is_transparent(self, palette_index: int) -> bool:
        return self._dio_transparent[self._checked(palette_index)]

    @property
    def dither(self) -> bool:
        """When true the palette dithers the output by adding random noise."""
        return self._dio_dither

    @dither.setter
    def dither(self, value: bool) -> None:
        self._dio_dither = bool(value)
        changed()

    def _lut(self) -> tuple[Any, Any]:
        """(colors uint32, opaque bool) arrays, cached until the palette changes."""
        if self._dio_lut is None:
            n = np()
            self._dio_lut = (n.array(self._dio_colors, dtype=n.uint32),
                             ~n.array(self._dio_transparent, dtype=bool))
        return self._dio_lut


class Colorspace:
    """The colorspace for a ColorConverter to operate in."""

    def __init__(self, *args: Any) -> None:
        raise TypeError("cannot create 'Colorspace' instances")

    def __repr__(self) -> str:
        return f"displayio.Colorspace.{self._dio_name}"


def _colorspace(name: str) -> Colorspace:
    cs = object.__new__(Colorspace)
    cs._dio_name = name
    return cs


for _name in ("RGB888", "RGB565", "RGB565_SWAPPED", "RGB555", "RGB555_SWAPPED", "BGR565",
              "BGR565_SWAPPED", "BGR555", "BGR555_SWAPPED", "L8"):
    setattr(Colorspace, _name, _colorspace(_name))
del _name


def to_rgb888(space: str, pixel: Any) -> Any:
    """displayio_colorconverter_convert_pixel over ints or numpy arrays (uint32)."""
    if space.endswith("_SWAPPED"):
        pixel = ((pixel & 0xFF) << 8) | ((pixel >> 8) & 0xFF)
        space = space[:-8]
    if space in ("RGB565", "BGR565"):
        hi = ((pixel >> 11) & 0x1F) << 3
        g8 = ((pixel >> 5) << 2) & 0xFF
        lo = (pixel << 3) & 0xFF
    elif space in ("RGB555", "BGR555"):
        hi, g8, lo = (pixel >> 10) & 0x1F, (pixel >> 5) & 0x1F, pixel & 0x1F
        hi, g8, lo = ((c << 3) | ((c >> 2) & 7) for c in (hi, g8, lo))
    elif space == "L8":
        return (pixel & 0xFF) * 0x010101
    else:
        return pixel & 0xFFFFFF
    if space.startswith("BGR"):
        hi, lo = lo, hi
    return (hi << 16) | (g8 << 8) | lo


_NO_TRANSPARENT = 0x1000000


class ColorConverter:
    """Converts one color format to another."""

    def __init__(self, *, input_colorspace: Colorspace = Colorspace.RGB888,
                 dither: bool = False) -> None:
        if not isinstance(input_colorspace, Colorspace):
            raise TypeError(f"input_colorspace must be of type Colorspace, not "
                            f"{_hw.type_name(input_colorspace)}")
        self._dio_space = input_colorspace
        self._dio_dither = bool(dither)
        self._dio_transparent = _NO_TRANSPARENT

    def convert(self, color: int) -> int:
        """Converts the given color to RGB565 according to the Colorspace."""
        color = _int(color, "color")
        rgb = to_rgb888(self._dio_space._dio_name, color)
        return ((rgb >> 19) & 0x1F) << 11 | ((rgb >> 10) & 0x3F) << 5 | ((rgb >> 3) & 0x1F)

    @property
    def dither(self) -> bool:
        """When true the color converter dithers the output by adding random noise."""
        return self._dio_dither

    @dither.setter
    def dither(self, value: bool) -> None:
        self._dio_dither = bool(value)
        changed()

    def make_transparent(self, color: int) -> None:
        """Set the transparent color or index for the ColorConverter."""
        if self._dio_transparent != _NO_TRANSPARENT:
            raise RuntimeError("Only one color can be transparent at a time")
        self._dio_transparent = _int(color, "color")
        changed()

    def make_opaque(self, color: int) -> None:
        """Make the ColorConverter be opaque and have no transparent pixels."""
        self._dio_transparent = _NO_TRANSPARENT
        changed()

    def _shade(self, values: Any) -> tuple[Any, Any]:
        rgb = to_rgb888(self._dio_space._dio_name, values.astype(np().uint32))
        return rgb, values != self._dio_transparent


class OnDiskBitmap:
    """Loads values straight from disk (a BMP file); the whole file is read once here."""

    def __init__(self, file: Any) -> None:
        from jitvm.modules._dio_bmp import read_bmp

        data = _read_file(file)
        pixels, palette, bits = read_bmp(data)
        self._dio_data = pixels
        self._dio_bits = bits
        self._dio_shader: Any
        if palette is not None:
            shader = Palette(len(palette))
            for i, c in enumerate(palette):
                shader._dio_colors[i] = c
            self._dio_shader = shader
        else:
            self._dio_shader = ColorConverter(input_colorspace=Colorspace.RGB888)

    @property
    def width(self) -> int:
        """Width of the bitmap."""
        return self._dio_data.shape[1]

    @property
    def height(self) -> int:
        """Height of the bitmap."""
        return self._dio_data.shape[0]

    @property
    def pixel_shader(self) -> Any:
        """The image's pixel_shader (a Palette or a ColorConverter)."""
        return self._dio_shader


def _read_file(file: Any) -> bytes:
    """The bytes of a guest file object or of a path on the drive (through the guest's open)."""
    if isinstance(file, str):
        with _hw.open_on_drive(file, "rb") as f:
            return bytes(f.read())
    read = getattr(file, "read", None)
    if read is None:
        raise TypeError("file must be a file opened in byte mode")
    data = read()
    if not isinstance(data, (bytes, bytearray)):
        raise TypeError("file must be a file opened in byte mode")
    return bytes(data)
