"""adafruit_ili9341 over FourWire on the sim ILI9341 (320x240): BMP files written by Pillow shown
with OnDiskBitmap (8-bit palette, 24-bit, 16-bit 565) and a vectorio Circle; compared pixel for
pixel with Pillow's own decoding of the same files."""

from __future__ import annotations

import shutil

from PIL import Image

from tests.display.helpers import make_drive, rgb565_glass, run

SCENARIO = """
[scenario]
layout = "adafruit_feather_rp2040"
[[device]]
type = "ili9341"
name = "tft"
cs = "D5"
dc = "D6"
rst = "D9"
width = 320
height = 240
mount_madctl = 0x38
"""

CODE = """
import board, displayio, fourwire, time, vectorio
import adafruit_ili9341
displayio.release_displays()
bus = fourwire.FourWire(board.SPI(), command=board.D6, chip_select=board.D5, reset=board.D9)
display = adafruit_ili9341.ILI9341(bus, width=320, height=240)
root = displayio.Group()
for name, x, y in (("/pal8.bmp", 0, 0), ("/rgb24.bmp", 100, 0), ("/rgb16.bmp", 200, 0)):
    odb = displayio.OnDiskBitmap(name)
    print(name, odb.width, odb.height, type(odb.pixel_shader).__name__)
    root.append(displayio.TileGrid(odb, pixel_shader=odb.pixel_shader, x=x, y=y))
pal = displayio.Palette(2)
pal[1] = 0xFFFFFF
root.append(vectorio.Circle(pixel_shader=pal, radius=20, x=160, y=180, color_index=1))
display.root_group = root
time.sleep(0.05)
"""


def _images():
    grad = Image.new("RGB", (90, 60))
    grad.putdata([((x * 7) % 256, (y * 11) % 256, (x * y) % 256) for y in range(60)
                  for x in range(90)])
    return grad


def _circle_mask(radius: int) -> set[tuple[int, int]]:
    """CircuitPython's Circle.get_pixel rule, written out: |x|+|y| <= r, else x*x+y*y <= r*r."""
    out = set()
    for y in range(-radius - 1, radius + 2):
        for x in range(-radius - 1, radius + 2):
            ax, ay = abs(x), abs(y)
            if ax + ay <= radius or (ax <= radius and ay <= radius
                                     and ax * ax + ay * ay <= radius * radius):
                out.add((x, y))
    return out


def test_ondiskbitmaps_and_circle_on_ili9341(tmp_path, libs):
    drive = make_drive(tmp_path, CODE, SCENARIO)
    shutil.rmtree(drive / "lib")
    shutil.copytree(libs, drive / "lib")
    grad = _images()
    grad.quantize(colors=16).save(drive / "pal8.bmp")
    grad.save(drive / "rgb24.bmp")
    _write_bmp565(drive / "rgb16.bmp", grad)
    (tmp_path / "out").mkdir()
    r = run(drive, "--layout", "adafruit_feather_rp2040", "--scenario",
            str(drive / "scenario.toml"), "--png-dir", str(tmp_path / "out"))
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.splitlines() == ["/pal8.bmp 90 60 Palette", "/rgb24.bmp 90 60 ColorConverter",
                                     "/rgb16.bmp 90 60 ColorConverter"]
    got = Image.open(tmp_path / "out" / "tft.png").convert("RGB")
    want = Image.new("RGB", (320, 240))
    want.paste(Image.open(drive / "pal8.bmp").convert("RGB"), (0, 0))
    want.paste(grad, (100, 0))
    want.paste(grad, (200, 0))
    for x, y in _circle_mask(20):
        want.putpixel((160 + x, 180 + y), (255, 255, 255))
    want = rgb565_glass(want)
    assert got.tobytes() == want.tobytes()


def _write_bmp565(path, img: Image.Image) -> None:
    """A BI_BITFIELDS 16-bit BMP (RGB565), bottom-up rows padded to 4 bytes."""
    import struct

    w, h = img.size
    stride = (w * 2 + 3) // 4 * 4
    rows = []
    for y in range(h - 1, -1, -1):
        row = bytearray()
        for x in range(w):
            r, g, b = img.getpixel((x, y))
            row += struct.pack("<H", (r >> 3) << 11 | (g >> 2) << 5 | b >> 3)
        rows.append(bytes(row) + b"\0" * (stride - len(row)))
    data = b"".join(rows)
    header = struct.pack("<IiiHHIIiiII", 40, w, h, 1, 16, 3, len(data), 2835, 2835, 0, 0)
    masks = struct.pack("<III", 0xF800, 0x07E0, 0x001F)
    offset = 14 + len(header) + len(masks)
    path.write_bytes(b"BM" + struct.pack("<IHHI", offset + len(data), 0, 0, offset) + header
                     + masks + data)
