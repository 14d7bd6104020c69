"""displayio's layers: Group (a list of layers with a position and a scale) and TileGrid."""

from __future__ import annotations

from typing import Any

from jitvm.modules import _hw
from jitvm.modules._dio_bitmap import (
    Bitmap,
    ColorConverter,
    OnDiskBitmap,
    Palette,
    _int,
    changed,
    np,
)

__all__ = ["Group", "TileGrid"]


def is_layer(obj: Any) -> bool:
    from jitvm.modules import vectorio

    return isinstance(obj, (Group, TileGrid, vectorio._Shape))


def _claim(layer: Any) -> None:
    if not is_layer(layer):
        raise ValueError("Layer must be a Group or TileGrid subclass")
    if getattr(layer, "_dio_in_group", False):
        raise ValueError("Layer already in a group")
    layer._dio_in_group = True


class Group:
    """Manage a group of sprites."""

    __guest_subclassable__ = True
    _dio_in_group = False

    def __init__(self, *, scale: int = 1, x: int = 0, y: int = 0) -> None:
        self._dio_layers: list[Any] = []
        self._dio_scale = _hw.int_range(scale, 1, 32767, "scale")
        self._dio_x = _int(x, "x")
        self._dio_y = _int(y, "y")
        self._dio_hidden = False

    @property
    def hidden(self) -> bool:
        """True when the Group and all of its layers are not visible."""
        return self._dio_hidden

    @hidden.setter
    def hidden(self, value: bool) -> None:
        self._dio_hidden = bool(value)
        changed()

    @property
    def scale(self) -> int:
        """Scales each pixel within the Group in both directions."""
        return self._dio_scale

    @scale.setter
    def scale(self, value: int) -> None:
        value = _int(value, "scale")
        if value < 1:
            raise ValueError("scale must be >= 1")
        self._dio_scale = value
        changed()

    @property
    def x(self) -> int:
        """X position of the Group in the parent."""
        return self._dio_x

    @x.setter
    def x(self, value: int) -> None:
        self._dio_x = _int(value, "x")
        changed()

    @property
    def y(self) -> int:
        """Y position of the Group in the parent."""
        return self._dio_y

    @y.setter
    def y(self, value: int) -> None:
        self._dio_y = _int(value, "y")
        changed()

    def _index(self, index: Any, extra: int = 0) -> int:
        if isinstance(index, slice):
            raise NotImplementedError("Slices not supported")
        i = _int(index, "index")
        n = len(self._dio_layers) + extra
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError("Group index out of range")
        return i

    def append(self, layer: Any) -> None:
        """Append a layer to the group. It will be drawn above other layers."""
        _claim(layer)
        self._dio_layers.append(layer)
        changed()

    def insert(self, index: int, layer: Any) -> None:
        """Insert a layer into the group."""
        i = _int(index, "index")
        n = len(self._dio_layers)
        if i < 0:
            i = max(0, i + n)
        _claim(layer)
        self._dio_layers.insert(min(i, n), layer)
        changed()

    def index(self, layer: Any) -> int:
        """Returns the index of the first copy of layer. Raises ValueError if not found."""
        for i, item in enumerate(self._dio_layers):
            if item is layer:
                return i
        raise ValueError("object not in sequence")

    def pop(self, i: int = -1) -> Any:
        """Remove the ith item and return it."""
        if not self._dio_layers:
            raise IndexError("pop from empty list")
        i = self._index(i)
        layer = self._dio_layers.pop(i)
        layer._dio_in_group = False
        changed()
        return layer

    def remove(self, layer: Any) -> None:
        """Remove the first copy of layer. Raises ValueError if it is not present."""
        self.pop(self.index(layer))

    def sort(self, key: Any = None, reverse: bool = False) -> None:
        """Sort the members of the group."""
        self._dio_layers.sort(key=key, reverse=bool(reverse))
        changed()

    def __bool__(self) -> bool:
        return bool(self._dio_layers)

    def __len__(self) -> int:
        return len(self._dio_layers)

    def __contains__(self, layer: Any) -> bool:
        return any(item is layer for item in self._dio_layers)

    def __iter__(self) -> Any:
        return iter(list(self._dio_layers))

    def __getitem__(self, index: Any) -> Any:
        return self._dio_layers[self._index(index)]

    def __setitem__(self, index: Any, layer: Any) -> None:
        i = self._index(index)
        if self._dio_layers[i] is layer:
            return
        _claim(layer)
        self._dio_layers[i]._dio_in_group = False
        self._dio_layers[i] = layer
        changed()

    def __delitem__(self, index: Any) -> None:
        self.pop(self._index(index))


def _dims(bitmap: Any) -> tuple[int, int]:
    return bitmap.width, bitmap.height


class TileGrid:
    """A grid of tiles sourced out of one bitmap."""

    __guest_subclassable__ = True
    _dio_in_group = False

    def __init__(self, bitmap: Any, *, pixel_shader: Any, width: int = 1, height: int = 1,
                 tile_width: int | None = None, tile_height: int | None = None,
                 default_tile: int = 0, x: int = 0, y: int = 0) -> None:
        if not isinstance(bitmap, (Bitmap, OnDiskBitmap)):
            raise TypeError("unsupported bitmap type")
        if not isinstance(pixel_shader, (Palette, ColorConverter)):
            raise TypeError("unsupported pixel_shader type")
        bw, bh = _dims(bitmap)
        tw = _int(tile_width or 0, "tile_width") or bw  # 0 or None: the bitmap's size
        th = _int(tile_height or 0, "tile_height") or bh
        if tw < 1 or th < 1:
            raise ValueError("Tile width must exactly divide bitmap width" if tw < 1
                             else "Tile height must exactly divide bitmap height")
        if bw % tw != 0:
            raise ValueError("Tile width must exactly divide bitmap width")
        if bh % th != 0:
            raise ValueError("Tile height must exactly divide bitmap height")
        width = _hw.int_range(width, 1, 32767, "width")
        height = _hw.int_range(height, 1, 32767, "height")
        self._dio_bitmap = bitmap
        self._dio_shader = pixel_shader
        self._dio_tw, self._dio_th = tw, th
        self._dio_tiles_in_bitmap = (bw // tw) * (bh // th)
        default_tile = _hw.int_range(default_tile, 0, self._dio_tiles_in_bitmap - 1, "default_tile")
        n = np()
        self._dio_tiles = n.full((height, width), default_tile, dtype=n.uint16)
        self._dio_x = _int(x, "x")
        self._dio_y = _int(y, "y")
        self._dio_hidden = False
        self._dio_flip_x = self._dio_flip_y = self._dio_transpose = False
        changed()

    def _prop(name: str, doc: str, conv: Any = bool) -> property:  # noqa: N805 - class helper
        attr = "_dio_" + name

        def get(self: Any) -> Any:
            return getattr(self, attr)

        def put(self: Any, value: Any) -> None:
            setattr(self, attr, conv(value) if conv is bool else conv(value, name))
            changed()

        return property(get, put, doc=doc)

    hidden = _prop("hidden", "True when the TileGrid is hidden.")
    x = _prop("x", "X position of the left edge in the parent.", _int)
    y = _prop("y", "Y position of the top edge in the parent.", _int)
    flip_x = _prop("flip_x", "If true, the left edge rendered will be the right edge of the right-most tile.")
    flip_y = _prop("flip_y", "If true, the top edge rendered will be the bottom edge of the bottom-most tile.")
    transpose_xy = _prop("transpose", "If true, the TileGrid's axis will be swapped.")
    del _prop

    @property
    def width(self) -> int:
        """Width in tiles."""
        return self._dio_tiles.shape[1]

    @property
    def height(self) -> int:
        """Height in tiles."""
        return self._dio_tiles.shape[0]

    @property
    def tile_width(self) -> int:
        """Width of a single tile in pixels."""
        return self._dio_tw

    @property
    def tile_height(self) -> int:
        """Height of a single tile in pixels."""
        return self._dio_th

    @property
    def pixel_shader(self) -> Any:
        """The pixel shader of the tilegrid."""
        return self._dio_shader

    @pixel_shader.setter
    def pixel_shader(self, shader: Any) -> None:
        if not isinstance(shader, (Palette, ColorConverter)):
            raise TypeError("unsupported pixel_shader type")
        self._dio_shader = shader
        changed()

    @property
    def bitmap(self) -> Any:
        """The bitmap of the tilegrid."""
        return self._dio_bitmap

    @bitmap.setter
    def bitmap(self, bitmap: Any) -> None:
        if not isinstance(bitmap, (Bitmap, OnDiskBitmap)):
            raise TypeError("unsupported bitmap type")
        if _dims(bitmap) != _dims(self._dio_bitmap):
            raise ValueError("New bitmap must be same size as old bitmap")
        self._dio_bitmap = bitmap
        changed()

    def pixel_size(self) -> tuple[int, int]:
        """(width, height) in pixels as drawn (before the parent's scale)."""
        w = self._dio_tiles.shape[1] * self._dio_tw
        h = self._dio_tiles.shape[0] * self._dio_th
        return (h, w) if self._dio_transpose else (w, h)

    def contains(self, touch_tuple: Any) -> bool:
        """Returns True if the first two values in touch_tuple represent an x,y coordinate
        inside the tilegrid rectangle bounds."""
        tx, ty = touch_tuple[0], touch_tuple[1]
        w, h = self.pixel_size()
        return self._dio_x <= tx < self._dio_x + w and self._dio_y <= ty < self._dio_y + h

    def _xy(self, index: Any) -> tuple[int, int]:
        if isinstance(index, slice):
            raise NotImplementedError("Slices not supported")
        h, w = self._dio_tiles.shape
        if isinstance(index, tuple):
            if len(index) != 2:
                raise TypeError(f"requested length 2 but object has length {len(index)}")
            x, y = _int(index[0], "x"), _int(index[1], "y")
        else:
            i = _int(index, "index")
            x, y = i % w, i // w
        if not (0 <= x < w and 0 <= y < h):
            raise IndexError("Tile index out of bounds")
        return x, y

    def __getitem__(self, index: Any) -> int:
        x, y = self._xy(index)
        return int(self._dio_tiles[y, x])

    def __setitem__(self, index: Any, value: Any) -> None:
        x, y = self._xy(index)
        value = _hw.int_range(value, 0, self._dio_tiles_in_bitmap - 1, "tile")
        self._dio_tiles[y, x] = value
        changed()
