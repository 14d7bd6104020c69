"""epaperdisplay.EPaperDisplay's command stream (three-colour SSD1680-style panel), read back from
the trace: the bytes follow shared-module/epaperdisplay's order, worked out by hand here."""

from __future__ import annotations

import json
import subprocess
import sys

CODE = """
import board, displayio, fourwire, epaperdisplay, time
displayio.release_displays()
bus = fourwire.FourWire(board.SPI(), command=board.D6, chip_select=board.D5, reset=board.D9)
START = bytes((0x12, 0x80, 20, 0x11, 0x01, 0x03, 0x3C, 0x01, 0x05))
STOP = bytes((0x10, 0x01, 0x01))
d = epaperdisplay.EPaperDisplay(bus, START, STOP, width=16, height=8, ram_width=16, ram_height=8,
    set_column_window_command=0x44, set_row_window_command=0x45,
    set_current_column_command=0x4E, set_current_row_command=0x4F,
    write_black_ram_command=0x24, write_color_ram_command=0x26, highlight_color=0xFF0000,
    refresh_display_command=0x20, refresh_time=1, seconds_per_frame=5)
print(d.width, d.height, d.busy, d.time_to_refresh)
g = displayio.Group()
b = displayio.Bitmap(16, 8, 3)
p = displayio.Palette(3)
p[0] = 0xFFFFFF
p[1] = 0x000000
p[2] = 0xFF0000
for x in range(4):
    for y in range(2):
        b[x, y] = 1
        b[8 + x, 4 + y] = 2
g.append(displayio.TileGrid(b, pixel_shader=p))
d.root_group = g
d.refresh()
print(d.busy, d.time_to_refresh)
try:
    d.refresh()
except RuntimeError as e:
    print(e)
time.sleep(2)
print(d.busy)
"""


def _stream(trace_path) -> list[tuple[str, str]]:
    """('C' or 'D', hex bytes) for each SPI write, by the DC pin's level at the time."""
    dc = None
    out = []
    for e in json.loads(trace_path.read_text())["events"]:
        if e["kind"] == "pin" and e["signal"] == "D6" and e["value"] in ("0", "1", 0, 1):
            dc = str(e["value"])
        elif e["kind"] == "spi":
            out.append(("D" if dc == "1" else "C", e["value"].split(" ", 1)[1]))
    return out


def test_tricolor_epaper_command_stream(tmp_path):
    prog = tmp_path / "code.py"
    prog.write_text(CODE)
    trace = tmp_path / "t.json"
    r = subprocess.run([sys.executable, "-m", "jitvm", "run", str(prog), "--layout",
                        "adafruit_feather_rp2040", "--trace", str(trace)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.splitlines() == ["16 8 False 0.0", "True 5.0", "Refresh too soon", "False"]
    window = [("C", "44"), ("D", "00 01"), ("C", "4E"), ("D", "00"),
              ("C", "45"), ("D", "00 07"), ("C", "4F"), ("D", "00")]
    # black plane: 1 = white, MSB first; black pixels (0..3, rows 0-1) and the red ones
    # (8..11, rows 4-5) are 0 there; the colour plane has 1 for the red pixels only
    black = "0F FF 0F FF FF FF FF FF FF 0F FF 0F FF FF FF FF"
    red = "00 00 00 00 00 00 00 00 00 F0 00 F0 00 00 00 00"
    assert _stream(trace) == [
        ("C", "12"), ("C", "11"), ("D", "03"), ("C", "3C"), ("D", "05"),  # start sequence
        *window, ("C", "24"), ("D", black),
        *window, ("C", "26"), ("D", red),
        ("C", "20"),  # refresh
        ("C", "10"), ("D", "01"),  # stop sequence, after refresh_time
    ]
