"""pytest-benchmark figures for a full-screen 240x240 refresh: a text label (one TileGrid per
glyph of terminalio.FONT at scale 2, as adafruit_display_text's Label builds it) over a
full-screen background bitmap.  Reported, not asserted:

    PYTHONPATH=. python -m pytest -p no:xdist tests/display/test_bench_refresh.py --benchmark-only
"""

from __future__ import annotations

import pytest

import hal
from hal.sim.devices.mipi import ST7789
from jitvm.modules import _hw


@pytest.fixture
def scene():
    board = hal.open_board("sim", layout="adafruit_feather_rp2040")
    _hw.set_board(board)
    _hw.set_flavor("circuitpython")
    from hal.sim.spec import Spec

    panel = ST7789.from_spec(board, "tft", Spec(board, {"type": "st7789", "name": "tft", "cs": "D5",
                                                        "dc": "D6", "width": 240, "height": 240}))
    board.add_device("tft", panel)
    from jitvm.modules import board as board_module
    from jitvm.modules import busdisplay, displayio, fourwire, terminalio

    bus = fourwire.FourWire(board_module.SPI(), command=board.pins["D6"],
                            chip_select=board.pins["D5"], baudrate=62_500_000)
    display = busdisplay.BusDisplay(bus, b"\x11\x80\x05\x3a\x01\x55\x29\x80\x05", width=240, height=240,
                                    auto_refresh=False)
    root = displayio.Group()
    bg = displayio.Bitmap(240, 240, 4)
    pal = displayio.Palette(4)
    for i, c in enumerate((0x000040, 0x004000, 0x400000, 0x404040)):
        pal[i] = c
    for y in range(0, 240, 8):
        bg[y, y] = 1 + y % 3
    root.append(displayio.TileGrid(bg, pixel_shader=pal))
    font = terminalio.FONT
    text = displayio.Group(scale=2, x=10, y=100)
    text_pal = displayio.Palette(2)
    text_pal.make_transparent(0)
    text_pal[1] = 0xFFFF00
    for i, ch in enumerate("Temperature 21.5 C"):
        glyph = font.get_glyph(ord(ch))
        text.append(displayio.TileGrid(font.bitmap, pixel_shader=text_pal, tile_width=6,
                                       tile_height=12, default_tile=glyph.tile_index, x=i * 6))
    root.append(text)
    display.root_group = root
    display.refresh()
    yield display, board
    _hw.reset()
    board.close()


def test_compose_240x240_label_over_bitmap(benchmark, scene):
    from jitvm.modules._dio_render import compose

    display, _ = scene
    frame = benchmark(compose, display.root_group, 240, 240)
    assert frame.shape == (240, 240) and int(frame[0, 1]) == 0x000040


def test_full_refresh_240x240_through_fourwire_to_st7789(benchmark, scene):
    display, board = scene

    def full_refresh():
        display._full = True
        display.refresh()

    benchmark(full_refresh)
    pic = board.devices["tft"].picture()
    assert tuple(int(v) for v in pic[0, 1]) == (0, 0, 0x42)  # 0x40 blue via RGB565 and back
