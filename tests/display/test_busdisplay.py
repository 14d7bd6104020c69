"""BusDisplay semantics against CircuitPython's: refresh()/auto_refresh/root_group, rotation,
frame-rate throttling, init-sequence bytes on the wire, error texts."""

from __future__ import annotations

import json

from PIL import Image

from tests.display.helpers import make_drive, run

SCENARIO = """
[scenario]
layout = "adafruit_feather_rp2040"
[[device]]
type = "st7789"
name = "tft"
cs = "D5"
dc = "D6"
width = 240
height = 135
colstart = 40
rowstart = 53
mount_madctl = 0x60
"""

PRELUDE = """
import board, displayio, fourwire, time
displayio.release_displays()
bus = fourwire.FourWire(board.SPI(), command=board.D6, chip_select=board.D5)
INIT = bytes((0x01, 0x80, 150, 0x11, 0x80, 255, 0x3A, 0x81, 0x55, 10, 0x36, 0x01, 0x60,
              0x29, 0x80, 10))
def marker(w, h, colour=0xFF0000):
    g = displayio.Group()
    b = displayio.Bitmap(w, h, 2)
    p = displayio.Palette(2)
    p[0] = 0x000000
    p[1] = colour
    b[0, 0] = 1
    b[w - 1, h - 1] = 1
    g.append(displayio.TileGrid(b, pixel_shader=p))
    return g
"""


def _run(tmp_path, body, *extra):
    drive = make_drive(tmp_path, PRELUDE + body, SCENARIO)
    (tmp_path / "out").mkdir(exist_ok=True)
    r = run(drive, "--layout", "adafruit_feather_rp2040", "--scenario",
            str(drive / "scenario.toml"), "--png-dir", str(tmp_path / "out"), *extra)
    return r


def _picture(tmp_path):
    return Image.open(tmp_path / "out" / "tft.png").convert("RGB")


def test_rotation_90_takes_logical_size_and_maps_to_the_glass(tmp_path):
    r = _run(tmp_path, """
d = displayio_display = __import__('busdisplay').BusDisplay(bus, INIT, width=135, height=240,
    colstart=40, rowstart=53, rotation=90)
print(d.width, d.height, d.rotation)
d.root_group = marker(135, 240)
d.refresh()
""")
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.split() == ["135", "240", "90"]
    img = _picture(tmp_path)
    assert img.size == (240, 135)
    red = [(x, y) for x in range(240) for y in range(135) if img.getpixel((x, y)) == (255, 0, 0)]
    # CircuitPython's 90: transpose, then mirror x: logical (0, 0) is the glass's top right
    assert sorted(red) == [(0, 134), (239, 0)]


def test_manual_refresh_root_group_and_throttling(tmp_path):
    r = _run(tmp_path, """
import busdisplay, supervisor
d = busdisplay.BusDisplay(bus, INIT, width=240, height=135, colstart=40, rowstart=53,
                          auto_refresh=False)
print(d.auto_refresh, d.root_group is displayio.CIRCUITPYTHON_TERMINAL)
g = marker(240, 135)
d.root_group = g
try:
    d2 = displayio.Group()
    d2.append(g)
except ValueError as e:
    print(e)
time.sleep(0.5)
print(d.refresh())
print(d.refresh(target_frames_per_second=10))  # the first paced call only records its time
t0 = supervisor.ticks_ms()
print(d.refresh(target_frames_per_second=10))
t1 = supervisor.ticks_ms()
print(0 < t1 - t0 <= 100)
time.sleep(0.3)
print(d.refresh(target_frames_per_second=10))
try:
    time.sleep(0.5)
    d.refresh(target_frames_per_second=10, minimum_frames_per_second=5)
except RuntimeError as e:
    print(e)
try:
    d.show(g)
except AttributeError as e:
    print(e)
d.root_group = None
print(d.refresh())
""")
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.splitlines() == [
        "False True", "Layer already in a group", "True", "False", "True", "True", "False",
        "Below minimum frame rate", ".show(x) removed. Use .root_group = x", "True"]
    assert _picture(tmp_path).getextrema() == ((0, 0), (0, 0), (0, 0))  # None shows nothing


def test_auto_refresh_runs_on_virtual_time_while_the_guest_sleeps(tmp_path):
    trace = tmp_path / "trace.json"
    r = _run(tmp_path, """
import busdisplay
d = busdisplay.BusDisplay(bus, INIT, width=240, height=135, colstart=40, rowstart=53)
g = displayio.Group()
b = displayio.Bitmap(10, 10, 2)
p = displayio.Palette(2)
p[1] = 0x00FF00
b.fill(1)
tg = displayio.TileGrid(b, pixel_shader=p)
g.append(tg)
d.root_group = g
time.sleep(0.1)
tg.x = 100
time.sleep(0.1)
""", "--trace", str(trace))
    assert r.returncode == 0, r.stdout + r.stderr
    img = _picture(tmp_path)
    green = [(x, y) for x in range(240) for y in range(135) if img.getpixel((x, y)) == (0, 255, 0)]
    assert min(green) == (100, 0) and max(green) == (109, 9) and len(green) == 100
    events = json.loads(trace.read_text())["events"]
    spi = [e for e in events if e["kind"] == "spi"]
    assert spi, "no SPI traffic"
    # the init sequence goes first: SWRESET alone, then SLPOUT (CS held, DC low for commands)
    assert spi[0]["value"].split()[-1] == "01"


def test_error_texts(tmp_path):
    r = _run(tmp_path, """
import busdisplay
for f in (lambda: busdisplay.BusDisplay(bus, INIT, width=240, height=135, rotation=45),
          lambda: displayio.Bitmap(4, 4, 2)[4, 0],
          lambda: displayio.Bitmap(4, 4, 2).__setitem__((0, 0), 2),
          lambda: displayio.Bitmap(4, 4, 2)[16],
          lambda: displayio.Palette(2).__setitem__(0, 0x1000000),
          lambda: displayio.Palette(2).make_transparent(2),
          lambda: displayio.TileGrid(displayio.Bitmap(10, 10, 2), pixel_shader=displayio.Palette(2),
                                     tile_width=3),
          lambda: displayio.Group().append(3),
          lambda: displayio.Group(scale=0),
          lambda: displayio.Group().index(displayio.Group())):
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)
for name in ("Display", "FourWire", "I2CDisplay", "EPaperDisplay"):
    print(name, hasattr(displayio, name))  # CircuitPython 10 dropped 9's deprecated aliases
b = displayio.Bitmap(17, 3, 5)
print(b.bits_per_value, displayio.Bitmap(1, 1, 65536).bits_per_value, displayio.Bitmap(1, 1, 2).bits_per_value)
""")
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.splitlines() == [
        "ValueError Display rotation must be in 90 degree increments",
        "IndexError x must be 0-3",
        "ValueError value must be 0-1",
        "IndexError index must be 0-15",
        "TypeError color must be between 0x000000 and 0xffffff",
        "ValueError palette_index must be 0-1",
        "ValueError Tile width must exactly divide bitmap width",
        "ValueError Layer must be a Group or TileGrid subclass",
        "ValueError scale must be 1-32767",
        "ValueError object not in sequence",
        "Display False", "FourWire False", "I2CDisplay False", "EPaperDisplay False",
        "4 16 1",
    ]


def _f32(x: float) -> float:
    import struct

    return struct.unpack("<f", struct.pack("<f", x))[0]


def _noise(x: int, y: int) -> int:
    """CircuitPython's displayio_colorconverter_dither_noise_2, in plain Python."""
    n = (x + y * 0xFFFF) & 0xFFFFFFFF
    n = ((n >> 13) ^ n) & 0xFFFFFFFF
    nn = (n * ((n * n * 60493 + 19990303) & 0xFFFFFFFF) + 1376312589) & 0x7FFFFFFF
    return int(_f32(_f32(_f32(nn) / _f32(2147483648.0)) * 255)) & 0xFF


def test_palette_dither_adds_circuitpythons_noise(tmp_path):
    r = _run(tmp_path, """
import busdisplay
d = busdisplay.BusDisplay(bus, INIT, width=240, height=135, colstart=40, rowstart=53)
g = displayio.Group()
b = displayio.Bitmap(16, 8, 1)
p = displayio.Palette(1, dither=True)
p[0] = 0x7B7D7B
g.append(displayio.TileGrid(b, pixel_shader=p, x=3, y=2))
d.root_group = g
time.sleep(0.05)
""")
    assert r.returncode == 0, r.stdout + r.stderr
    img = _picture(tmp_path)

    def glass(r8, g8, b8):
        r5, g6, b5 = r8 >> 3, g8 >> 2, b8 >> 3
        return (r5 << 3) | (r5 >> 2), (g6 << 2) | (g6 >> 4), (b5 << 3) | (b5 >> 2)

    for y in range(8):
        for x in range(16):
            want = glass(min(255, 0x7B + (_noise(x, y) & 7)), min(255, 0x7D + (_noise(x + 33, y) & 3)),
                         min(255, 0x7B + (_noise(x, y + 33) & 7)))
            assert img.getpixel((3 + x, 2 + y)) == want, (x, y)
    assert len({img.getpixel((3 + x, 2 + y)) for x in range(16) for y in range(8)}) > 1
