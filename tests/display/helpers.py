"""Shared pieces of the display tests: the Adafruit display libraries compiled to .mpy once per
session, a tiny BDF font, and a Pillow reference that draws its glyphs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PIL import Image

from jitvm.libs import build_lib

ROOT = Path(__file__).resolve().parents[2]

DISPLAY_LIBS = ("adafruit_display_text", "adafruit_bitmap_font", "adafruit_display_shapes",
                "adafruit_st7789", "adafruit_ili9341", "adafruit_displayio_ssd1306",
                "adafruit_ticks", "adafruit_displayio_sh1106")

# 5x7 glyphs on a 6-pixel advance; the BDF and the Pillow reference both come from this table
GLYPHS = {
    "H": ["10001", "10001", "10001", "11111", "10001", "10001", "10001"],
    "I": ["11111", "00100", "00100", "00100", "00100", "00100", "11111"],
    "L": ["10000", "10000", "10000", "10000", "10000", "10000", "11111"],
}


def bdf_text() -> str:
    out = ["STARTFONT 2.1", "FONT -test-tiny-medium-r-normal--8-80-75-75-c-60-iso10646-1",
           "SIZE 8 75 75", "FONTBOUNDINGBOX 6 8 0 -1", "STARTPROPERTIES 2", "FONT_ASCENT 7",
           "FONT_DESCENT 1", "ENDPROPERTIES", f"CHARS {len(GLYPHS) + 1}",
           "STARTCHAR space", "ENCODING 32", "SWIDTH 500 0", "DWIDTH 6 0", "BBX 1 1 0 0",
           "BITMAP", "00", "ENDCHAR"]
    for ch, rows in GLYPHS.items():
        out += [f"STARTCHAR {ch}", f"ENCODING {ord(ch)}", "SWIDTH 500 0", "DWIDTH 6 0",
                "BBX 5 7 0 0", "BITMAP"]
        out += [f"{int(r + '000', 2):02X}" for r in rows]
        out.append("ENDCHAR")
    out.append("ENDFONT")
    return "\n".join(out) + "\n"


def draw_text(img: Image.Image, x: int, y: int, text: str, color: tuple, scale: int = 1) -> None:
    """Pillow: paste each glyph's pixels (top-left of the 7-row glyph box at x, y)."""
    from PIL import ImageDraw

    draw = ImageDraw.Draw(img)
    for i, ch in enumerate(text):
        for r, row in enumerate(GLYPHS.get(ch, [])):
            for c, bit in enumerate(row):
                if bit == "1":
                    px, py = x + (i * 6 + c) * scale, y + r * scale
                    draw.rectangle([px, py, px + scale - 1, py + scale - 1], fill=color)


def make_drive(root: Path, code: str, scenario: str | None = None) -> Path:
    drive = root / "CIRCUITPY"
    (drive / "lib").mkdir(parents=True, exist_ok=True)
    (drive / "code.py").write_text(code)
    (drive / "tiny.bdf").write_text(bdf_text())
    if scenario is not None:
        (drive / "scenario.toml").write_text(scenario)
    return drive


def compile_libs(lib: Path) -> None:
    build_lib(lib, DISPLAY_LIBS)


def run(drive: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "jitvm", "run", str(drive), *args],
                          capture_output=True, text=True, timeout=300)


def find_ink(img: Image.Image, color: tuple) -> tuple[int, int]:
    """Top-left (x, y) of the pixels of ``color``."""
    w, h = img.size
    px = img.load()
    xs = [x for x in range(w) for y in range(h) if px[x, y] == color]
    ys = [y for y in range(h) for x in range(w) if px[x, y] == color]
    return min(xs), min(ys)


def rgb565_glass(img: Image.Image) -> Image.Image:
    """What an RGB565 panel shows for an RGB888 picture: each channel cut to 5/6/5 bits and
    widened back by bit replication (the panel models' documented expansion)."""
    def five(v: int) -> int:
        v >>= 3
        return (v << 3) | (v >> 2)

    def six(v: int) -> int:
        v >>= 2
        return (v << 2) | (v >> 4)

    r, g, b = img.convert("RGB").split()
    return Image.merge("RGB", (r.point(five), g.point(six), b.point(five)))
