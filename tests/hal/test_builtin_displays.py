"""Boards with a built-in display: the layouts load, name CircuitPython's pins, attach the panel
on the bus board.c uses, and the board.c init sequence (run here by a small independent
interpreter of CircuitPython's encoding) gives an upright, true-colour picture."""

import numpy as np
import pytest

import hal
from hal import HalError
from hal.layout import load_layout

BOARDS = {
    "adafruit_feather_esp32s2_tft": ("st7789", 240, 135, "fourwire"),
    "adafruit_clue_nrf52840_express": ("st7789", 240, 240, "fourwire"),
    "adafruit_pyportal": ("ili9341", 320, 240, "parallel"),
}


def _commands(seq):
    """CircuitPython's init_sequence encoding -> [(command, params, delay_ms)]."""
    out, i = [], 0
    while i < len(seq):
        cmd, n = seq[i], seq[i + 1]
        count = n & 0x7F
        params = bytes(seq[i + 2 : i + 2 + count])
        i += 2 + count
        delay = 0
        if n & 0x80:
            delay = 500 if seq[i] == 255 else seq[i]
            i += 1
        out.append((cmd, params, delay))
    return out


class FourWireHost:
    def __init__(self, board, bus):
        p = board.pins
        self.board = board
        self.spi = board.spi(p[bus["clock"]], p[bus["MOSI"]], p[bus["MISO"]] if "MISO" in bus else None)
        self.spi.configure(baudrate=bus["baudrate"])
        self.cs, self.dc = board.gpio(p[bus["chip_select"]]), board.gpio(p[bus["command"]])
        self.cs.switch_to_output(True)
        self.dc.switch_to_output(True)
        self.rst = board.gpio(p[bus["reset"]])
        self.rst.switch_to_output(False)
        self.rst.value = True

    def send(self, cmd, params=b""):
        self.cs.value = False
        self.dc.value = False
        self.spi.write(bytes([cmd]))
        self.dc.value = True
        if params:
            self.spi.write(params)
        self.cs.value = True


class ParallelHost:
    def __init__(self, board, bus):
        p = board.pins
        self.bus = board.parallel_bus(p[bus["data0"]], p[bus["command"]], p[bus["chip_select"]],
                                      p[bus["write"]], p[bus["read"]], p[bus["reset"]])  # fmt: skip
        assert self.bus.reset()

    def send(self, cmd, params=b""):
        self.bus.send(True, bytes([cmd]))
        if params:
            self.bus.send(False, params)


@pytest.mark.parametrize("layout", sorted(BOARDS))
def test_layout_describes_the_builtin_display(layout):
    kind, width, height, bus_kind = BOARDS[layout]
    lay = load_layout(layout)
    d = lay.display
    assert d["type"] == kind and d["bus"]["kind"] == bus_kind
    assert (d["display"]["width"], d["display"]["height"]) == (width, height)
    for name in ("TFT_CS", "TFT_DC", "TFT_RESET", "TFT_BACKLIGHT"):
        assert name in lay.pins
    cmds = [c for c, _, _ in _commands(d["display"]["init_sequence"])]
    assert cmds[-1] == 0x29 and 0x11 in cmds and 0x3A in cmds and 0x36 in cmds


def test_board_pin_names_from_circuitpython():
    feather = load_layout("adafruit_feather_esp32s2_tft").pins
    assert feather["TFT_I2C_POWER"].number == 21 and feather["TFT_BACKLIGHT"].number == 45
    assert feather["TFT_CS"].number == 7 and feather["TFT_DC"].number == 39
    assert feather["D13"] is feather["LED"] and feather["LED"].name == "LED"
    clue = load_layout("adafruit_clue_nrf52840_express").pins
    assert clue["BUTTON_A"] is clue["D5"] and clue["TFT_SCK"].name == "TFT_SCK"
    pyportal = load_layout("adafruit_pyportal").pins
    assert pyportal["TFT_DC"] is pyportal["TFT_WR"] and "LCD_DATA7" in pyportal


@pytest.mark.parametrize("layout", sorted(BOARDS))
def test_init_sequence_then_fill_shows_upright_true_colours(layout):
    board = hal.open_board("sim", layout=layout)
    try:
        panel = board.devices["display"]
        d = board.builtin_display
        assert d == load_layout(layout).display
        disp = d["display"]
        host = (ParallelHost if d["bus"]["kind"] == "parallel" else FourWireHost)(board, d["bus"])
        for cmd, params, delay in _commands(disp["init_sequence"]):
            host.send(cmd, params)
            board.clock.sleep(delay / 1000)
        bl = board.gpio(board.pins[disp["backlight_pin"]])
        bl.switch_to_output(True)
        w, h, x0, y0 = disp["width"], disp["height"], disp["colstart"], disp["rowstart"]
        gx, gy = np.meshgrid(np.arange(w), np.arange(h))
        img = np.where(gx < w // 2, 0xF800, 0x001F)  # left half red, right half blue
        img[:10, :10] = 0x07E0  # a green corner at the top left
        host.send(0x2A, bytes([x0 >> 8, x0 & 255, (x0 + w - 1) >> 8, (x0 + w - 1) & 255]))
        host.send(0x2B, bytes([y0 >> 8, y0 & 255, (y0 + h - 1) >> 8, (y0 + h - 1) & 255]))
        host.send(0x2C, img.astype(">u2").tobytes())
        pic = panel.picture()
        assert pic.shape == (h, w, 3)
        assert (pic[:10, :10] == [0, 255, 0]).all()
        assert (pic[10:, : w // 2] == [255, 0, 0]).all()
        assert (pic[:, w // 2 :] == [0, 0, 255]).all()
        bl.value = False
        assert not panel.picture().any()
    finally:
        board.close()


def test_feather_tft_power_pin_is_on_and_switches_the_panel():
    board = hal.open_board("sim", layout="adafruit_feather_esp32s2_tft")
    try:
        panel = board.devices["display"]
        assert board.net(board.pins["TFT_I2C_POWER"]).read() == 1
        power = board.gpio(board.pins["TFT_I2C_POWER"])
        power.switch_to_output(False)
        assert panel.brightness() == 0.0
    finally:
        board.close()


def test_bad_display_table_is_one_line(tmp_path):
    path = tmp_path / "b.toml"
    path.write_text('[pins]\nGPIO1 = ["D1"]\n[display]\ntype = "st7789"\n[display.bus]\n'
                    'kind = "fourwire"\nchip_select = "D9"\n[display.display]\nwidth = 1\n'
                    'height = 1\n')  # fmt: skip
    with pytest.raises(HalError, match="chip_select = 'D9' is not a pin of this board"):
        load_layout(str(path))
