"""Guest module `terminalio` (CircuitPython): Terminal (text in a TileGrid) and FONT.

FONT is CircuitPython's terminal font, Terminus 12px (SIL OFL 1.1), 6x12 tiles, generated from
the BDF by tools/gen_terminal_font.py.  A Terminal writes characters into its scroll area's tiles
and scrolls up a row when the cursor passes the bottom; ``\\r``, ``\\n``, ``\\b`` and the ANSI
sequences ESC[K (clear to end of line), ESC[2J (clear) and ESC[row;colH (move) are understood.
"""

from __future__ import annotations

from typing import Any

from jitvm.modules import _hw
from jitvm.modules._dio_bitmap import Bitmap, changed, np
from jitvm.modules._dio_group import TileGrid
from jitvm.modules.fontio import BuiltinFont

__all__ = ["FONT", "Terminal"]  # noqa: F822 - FONT comes from the module __getattr__


def _build_font() -> BuiltinFont:
    from jitvm.modules import _terminal_font as tf

    n = np()
    rows = [n.array([(int(r, 16) >> (tf.WIDTH - 1 - x)) & 1 for x in range(tf.WIDTH)],
                    dtype=n.uint8) for r in tf.ROWS]
    bitmap = Bitmap._from_array(n.stack(rows), 1, read_only=True)
    return BuiltinFont._new(bitmap, tf.TILE_WIDTH, tf.TILE_HEIGHT, tf.CHARS)


def font() -> BuiltinFont:
    """The terminal font (built once per process: it is read-only)."""
    global _FONT
    if _FONT is None:
        _FONT = _build_font()
    return _FONT


_FONT: BuiltinFont | None = None


class Terminal:
    """Display a character stream with a TileGrid."""

    def __init__(self, scroll_area: TileGrid, font: BuiltinFont, *,
                 status_bar: TileGrid | None = None) -> None:
        if not isinstance(scroll_area, TileGrid):
            raise TypeError(f"scroll_area must be of type TileGrid, not "
                            f"{_hw.type_name(scroll_area)}")
        if not isinstance(font, BuiltinFont):
            raise TypeError(f"font must be of type BuiltinFont, not {_hw.type_name(font)}")
        if scroll_area.bitmap is not font.bitmap:
            raise ValueError("Font and scroll_area bitmap must match")  # jitvm's own text
        self._grid = scroll_area
        self._status = status_bar
        self._font = font
        self._cx = 0
        self._cy = 0
        self._blank = font._tile(ord(" ")) or 0
        self._esc = ""
        self._clear(0, 0, scroll_area.width, scroll_area.height)

    def _clear(self, x1: int, y1: int, x2: int, y2: int) -> None:
        self._grid._dio_tiles[y1:y2, x1:x2] = self._blank
        changed()

    def _newline(self) -> None:
        self._cx = 0
        self._cy += 1
        tiles = self._grid._dio_tiles
        if self._cy >= tiles.shape[0]:
            tiles[:-1] = tiles[1:].copy()
            tiles[-1] = self._blank
            self._cy = tiles.shape[0] - 1
            changed()

    def _put(self, ch: str) -> None:
        tiles = self._grid._dio_tiles
        if ch == "\r":
            self._cx = 0
        elif ch == "\n":
            self._newline()
        elif ch == "\b":
            self._cx = max(0, self._cx - 1)
        elif ch == "\x1b":
            self._esc = "\x1b"
        elif ch >= " ":
            tile = self._font._tile(ord(ch))
            if tile is None:
                tile = self._font._tile(ord("?")) or self._blank
            if self._cx >= tiles.shape[1]:
                self._newline()
            tiles[self._cy, self._cx] = tile
            self._cx += 1
            changed()

    def _escape(self, ch: str) -> None:
        self._esc += ch
        if ch.isalpha() or len(self._esc) > 16:
            seq, self._esc = self._esc, ""
            tiles = self._grid._dio_tiles
            if seq == "\x1b[K":
                self._clear(self._cx, self._cy, tiles.shape[1], self._cy + 1)
            elif seq == "\x1b[2J":
                self._clear(0, 0, tiles.shape[1], tiles.shape[0])
            elif seq.endswith("H") and seq.startswith("\x1b["):
                parts = seq[2:-1].split(";")
                try:
                    row, col = (int(parts[0] or 1), int(parts[1] or 1)) if len(parts) == 2 else (1, 1)
                except ValueError:
                    return
                self._cy = min(max(row - 1, 0), tiles.shape[0] - 1)
                self._cx = min(max(col - 1, 0), tiles.shape[1] - 1)

    def write(self, buf: Any) -> int:
        """Write the buffer of bytes to the terminal; returns the number of bytes written."""
        data = bytes(_hw.buffer(buf)) if not isinstance(buf, str) else buf.encode()
        for ch in data.decode("utf-8", "replace"):
            if self._esc:
                self._escape(ch)
            else:
                self._put(ch)
        return len(data)


def __getattr__(name: str) -> Any:
    if name == "FONT":
        return font()
    raise AttributeError(name)
