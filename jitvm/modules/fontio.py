"""Guest module `fontio` (CircuitPython): BuiltinFont and Glyph."""

from __future__ import annotations

from typing import Any

__all__ = ["BuiltinFont", "FontProtocol", "Glyph"]

_FIELDS = ("bitmap", "tile_index", "width", "height", "dx", "dy", "shift_x", "shift_y")


class Glyph:
    """Storage of glyph info (a named tuple in CircuitPython)."""

    __guest_subclassable__ = True

    def __init__(self, bitmap: Any, tile_index: int, width: int, height: int, dx: int, dy: int,
                 shift_x: int, shift_y: int) -> None:
        self.bitmap = bitmap
        self.tile_index = tile_index
        self.width = width
        self.height = height
        self.dx = dx
        self.dy = dy
        self.shift_x = shift_x
        self.shift_y = shift_y

    __guest_attrs__ = _FIELDS

    def _values(self) -> tuple:
        return tuple(getattr(self, f) for f in _FIELDS)

    def __getitem__(self, index: int) -> Any:
        return self._values()[index]

    def __len__(self) -> int:
        return 8

    def __iter__(self) -> Any:
        return iter(self._values())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Glyph) and self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values()[1:])

    def __repr__(self) -> str:
        body = ", ".join(f"{f}={getattr(self, f)!r}" for f in _FIELDS)
        return f"Glyph({body})"


class BuiltinFont:
    """A font built into CircuitPython (one row of fixed-size tiles in a 1-bit bitmap)."""

    def __init__(self, *args: Any) -> None:
        raise TypeError("cannot create 'BuiltinFont' instances")

    @classmethod
    def _new(cls, bitmap: Any, tile_width: int, tile_height: int, chars: str) -> BuiltinFont:
        font = object.__new__(cls)
        font._bitmap = bitmap
        font._tw = tile_width
        font._th = tile_height
        font._index = {ord(c): i for i, c in enumerate(chars)}
        return font

    @property
    def bitmap(self) -> Any:
        """Bitmap containing all font glyphs starting with ASCII and followed by unicode."""
        return self._bitmap

    def get_bounding_box(self) -> tuple[int, int]:
        """Returns the maximum bounds of all glyphs in the font in a tuple of two values:
        width, height."""
        return (self._tw, self._th)

    def get_glyph(self, codepoint: int) -> Glyph | None:
        """Returns a fontio.Glyph for the given codepoint or None if no glyph is available."""
        index = self._index.get(codepoint)
        if index is None:
            return None
        return Glyph(self._bitmap, index, self._tw, self._th, 0, 0, self._tw, 0)

    def _tile(self, codepoint: int) -> int | None:
        return self._index.get(codepoint)


class FontProtocol:
    """A protocol shared by BuiltinFont and classes in adafruit_bitmap_font."""
