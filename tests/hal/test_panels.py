"""Simulated display panels (ST7789, ILI9341, GC9A01, SH1106) driven through the hal API with
command streams composed here from the controllers' datasheets; pixels are checked exactly."""

import numpy as np
import pytest

from hal import ScenarioError
from hal.sim.scenario import apply_scenario


def _attach(board, **device):
    apply_scenario(board, {"device": [device]})
    return board.devices[device["name"]]


class Dcs:
    """A minimal MIPI DCS host: CS, D/C and RST lines plus an SPI bus (as a driver would)."""

    def __init__(self, board, cs="D5", dc="D6", rst="D9"):
        self.board = board
        self.spi = board.spi(*board.default_spi_pins)
        self.spi.configure(baudrate=24_000_000)
        self.cs, self.dc = board.gpio(board.pins[cs]), board.gpio(board.pins[dc])
        self.cs.switch_to_output(True)
        self.dc.switch_to_output(True)
        self.rst = board.gpio(board.pins[rst])
        self.rst.switch_to_output(True)

    def send(self, cmd, params=b"", *, cs=True):
        if cs:
            self.cs.value = False
        self.dc.value = False
        self.spi.write(bytes([cmd]))
        if params:
            self.dc.value = True
            self.spi.write(bytes(params))
        if cs:
            self.cs.value = True

    def init(self, colmod=0x55, madctl=0x00):
        for cmd, params in ((0x01, b""), (0x11, b""), (0x3A, [colmod]), (0x36, [madctl]),
                            (0x29, b"")):  # fmt: skip
            self.send(cmd, params)

    def window(self, x0, y0, x1, y1):
        self.send(0x2A, [x0 >> 8, x0 & 255, x1 >> 8, x1 & 255])
        self.send(0x2B, [y0 >> 8, y0 & 255, y1 >> 8, y1 & 255])

    def fill(self, x0, y0, x1, y1, color565):
        self.window(x0, y0, x1, y1)
        n = (x1 - x0 + 1) * (y1 - y0 + 1)
        self.send(0x2C, color565.to_bytes(2, "big") * n)


RED, GREEN, BLUE, WHITE = 0xF800, 0x07E0, 0x001F, 0xFFFF


def _st7789(board, **kw):
    return _attach(board, type="st7789", name="tft", cs="D5", dc="D6", rst="D9", **kw)


def test_st7789_address_window_fill_is_exact(feather):
    tft = _st7789(feather, width=240, height=240)
    host = Dcs(feather)
    host.init()
    host.fill(10, 20, 19, 29, RED)
    pic = tft.picture()
    assert pic.shape == (240, 240, 3)
    assert (pic[20:30, 10:20] == [255, 0, 0]).all()
    pic[20:30, 10:20] = 0
    assert not pic.any()


def test_rgb565_channels_expand_to_8_bits(feather):
    tft = _st7789(feather, width=240, height=240)
    host = Dcs(feather)
    host.init()
    host.window(0, 0, 2, 0)
    host.send(0x2C, bytes([0x08, 0x00, 0x00, 0x20, 0x84, 0x10]))  # r=1; g=1; r=16 g=32 b=16
    assert tft.picture()[0, :3].tolist() == [[8, 0, 0], [0, 4, 0], [132, 130, 132]]


def test_display_shows_nothing_until_slpout_and_dispon(feather):
    tft = _st7789(feather, width=240, height=240)
    host = Dcs(feather)
    host.send(0x3A, [0x55])
    host.fill(0, 0, 9, 9, WHITE)
    assert not tft.picture().any()  # after reset: asleep, display off
    host.send(0x11)
    assert not tft.picture().any()  # awake but display off
    host.send(0x29)
    assert tft.picture()[:10, :10].min() == 255
    host.send(0x28)
    assert not tft.picture().any()
    host.send(0x29)
    host.send(0x10)
    assert not tft.picture().any()


@pytest.mark.parametrize(
    "madctl, expected_xy",
    [
        (0x00, [(0, 0), (1, 0), (0, 1)]),
        (0x40, [(239, 0), (238, 0), (239, 1)]),  # MX: columns mirrored
        (0x80, [(0, 319), (1, 319), (0, 318)]),  # MY: rows mirrored
        (0x20, [(0, 0), (0, 1), (1, 0)]),  # MV: logical x runs down the rows
        (0xA0, [(0, 319), (0, 318), (1, 319)]),  # MY|MV (landscape, Adafruit rotation 1)
        (0x60, [(239, 0), (239, 1), (238, 0)]),  # MX|MV (rotation 3)
    ],
)
def test_madctl_maps_logical_addresses_to_memory(feather, madctl, expected_xy):
    tft = _st7789(feather)  # the whole 240x320 memory, glass upright at MADCTL 0
    host = Dcs(feather)
    host.init(madctl=madctl)
    host.window(0, 0, 1, 1)  # 2x2: pixels (0,0) (1,0) (0,1) (1,1) in logical order
    host.send(0x2C, b"".join(c.to_bytes(2, "big") for c in (RED, GREEN, BLUE, WHITE)))
    pic = tft.picture()
    for (x, y), rgb in zip(expected_xy, ([255, 0, 0], [0, 255, 0], [0, 0, 255])):
        assert pic[y, x].tolist() == rgb


def test_feather_tft_geometry_landscape_with_offsets(feather):
    # ESP32-S2 TFT Feather's 135x240 glass addressed as 240x135 with MY|MV at (40, 53)
    tft = _st7789(feather, width=240, height=135, colstart=40, rowstart=53, mount_madctl=0xA0)
    host = Dcs(feather)
    host.init(madctl=0xA0)
    gx, gy = np.meshgrid(np.arange(240), np.arange(135))
    img565 = ((gx // 8) << 11) | ((gy // 3) << 5) | ((gx + gy) & 31)
    host.window(40, 53, 279, 187)
    host.send(0x2C, img565.astype(">u2").tobytes())
    pic = tft.picture().astype(int)
    r5, g6, b5 = img565 >> 11, (img565 >> 5) & 63, img565 & 31
    assert (pic[:, :, 0] == (r5 << 3 | r5 >> 2)).all()
    assert (pic[:, :, 1] == (g6 << 2 | g6 >> 4)).all()
    assert (pic[:, :, 2] == (b5 << 3 | b5 >> 2)).all()
    # the memory holds it rotated: logical (40, 53) is column 53, row 319 - 40
    assert tft.ram[279, 53].tolist() == pic[0, 0].tolist()


def test_inversion_and_ips_glass(feather):
    tft = _st7789(feather, width=240, height=240)
    host = Dcs(feather)
    host.init()
    host.fill(0, 0, 0, 0, RED)
    host.send(0x21)  # INVON
    assert tft.picture()[0, 0].tolist() == [0, 255, 255]
    assert tft.picture()[1, 1].tolist() == [255, 255, 255]
    host.send(0x20)
    assert tft.picture()[0, 0].tolist() == [255, 0, 0]



def test_ips_glass_shows_true_colours_under_invon(feather):
    tft = _st7789(feather, width=240, height=240, glass_inverted=True)
    host = Dcs(feather)
    host.init()
    host.send(0x21)
    host.fill(5, 5, 5, 5, GREEN)
    assert tft.picture()[5, 5].tolist() == [0, 255, 0]
    host.send(0x20)
    assert tft.picture()[5, 5].tolist() == [255, 0, 255]


def test_bgr_bit_swaps_red_and_blue(feather):
    tft = _st7789(feather, width=240, height=240)
    host = Dcs(feather)
    host.init(madctl=0x08)
    host.fill(0, 0, 0, 0, RED)
    assert tft.picture()[0, 0].tolist() == [0, 0, 255]
    bgr = _attach(feather, type="ili9341", name="bgr", cs="D10", dc="D6", mount_madctl=0x48)
    assert bgr.width == 240 and bgr.height == 320


def test_partial_window_wraps_and_ramwrc_continues(feather):
    tft = _st7789(feather, width=240, height=240)
    host = Dcs(feather)
    host.init()
    host.window(100, 100, 101, 101)
    px = [c.to_bytes(2, "big") for c in (RED, RED, GREEN, BLUE, WHITE, RED)]
    host.send(0x2C, b"".join(px))  # six pixels into four places: the counter wraps
    pic = tft.picture()
    assert pic[100, 100].tolist() == [255, 255, 255]
    assert pic[100, 101].tolist() == [255, 0, 0]
    assert pic[101, 100].tolist() == [0, 255, 0]
    assert pic[101, 101].tolist() == [0, 0, 255]
    host.send(0x3C, BLUE.to_bytes(2, "big"))  # continue: the counter is at the 3rd place
    assert tft.picture()[101, 100].tolist() == [0, 0, 255]
    host.send(0x2C, GREEN.to_bytes(2, "big"))  # RAMWR restarts at the window's start
    assert tft.picture()[100, 100].tolist() == [0, 255, 0]


def test_pixel_split_across_writes_and_cs_toggles(feather):
    tft = _st7789(feather, width=240, height=240)
    host = Dcs(feather)
    host.init()
    host.window(0, 0, 2, 0)
    host.cs.value = False
    host.dc.value = False
    host.spi.write(b"\x2c")
    host.dc.value = True
    data = b"\xf8\x00\x07\xe0\x00\x1f"
    for i in range(0, 6, 3):  # 3 bytes at a time: pixel 2 straddles the writes
        host.spi.write(data[i : i + 3])
    host.cs.value = True
    assert tft.picture()[0, :3].tolist() == [[255, 0, 0], [0, 255, 0], [0, 0, 255]]


def test_18_and_12_bit_pixels(feather):
    tft = _st7789(feather, width=240, height=240)
    host = Dcs(feather)
    host.init(colmod=0x66)
    host.window(0, 0, 1, 0)
    host.send(0x2C, bytes([0xFC, 0x00, 0x84, 0x00, 0x04, 0xF8]))  # 6 bits in each byte's top
    assert tft.picture()[0, :2].tolist() == [[255, 0, 134], [0, 4, 251]]
    host.send(0x3A, [0x53])
    host.send(0x2C, bytes([0xF0, 0x80, 0x1F]))  # R1G1 B1R2 G2B2: (f,0,8) (0,1,f)
    assert tft.picture()[0, :2].tolist() == [[255, 0, 136], [0, 17, 255]]


def test_swreset_and_rst_pin_reset_the_controller(feather):
    tft = _st7789(feather, width=240, height=240)
    host = Dcs(feather)
    host.init()
    host.fill(0, 0, 0, 0, RED)
    host.send(0x01)
    assert not tft.picture().any() and tft.colmod == 0x66
    host.init()
    assert tft.picture()[0, 0].tolist() == [255, 0, 0]  # memory survives a reset
    host.rst.value = False
    host.rst.value = True
    assert tft.sleeping and not tft.display_on


def test_ili9341_and_gc9a01_sizes(feather):
    ili = _attach(feather, type="ili9341", name="ili", cs="D5", dc="D6", mount_madctl=0x28)
    assert (ili.width, ili.height) == (320, 240)
    gc = _attach(feather, type="gc9a01", name="gc", cs="D10", dc="D6")
    assert (gc.width, gc.height) == (240, 240)
    host = Dcs(feather)
    host.init(madctl=0x28)
    host.fill(300, 200, 319, 239, BLUE)
    pic = ili.picture()
    assert (pic[200:, 300:] == [0, 0, 255]).all() and not pic[:200].any()
    assert not gc.picture().any()  # its CS stayed high


def test_panel_scenario_errors_are_one_line(feather):
    with pytest.raises(ScenarioError, match="does not fit"):
        _attach(feather, type="st7789", name="t", cs="D5", dc="D6", width=240, height=135,
                colstart=40, rowstart=53)  # fmt: skip
    with pytest.raises(ScenarioError, match="missing key 'dc'"):
        _attach(feather, type="gc9a01", name="g", cs="D5")
    with pytest.raises(ScenarioError, match="unknown key 'rotation'"):
        _attach(feather, type="gc9a01", name="g2", cs="D5", dc="D6", rotation=90)


# -- refresh events ------------------------------------------------------------------------
def test_refresh_events_group_bursts_and_carry_windows(feather):
    tft = _st7789(feather, width=240, height=240)
    frames = []
    tft.frame_listeners.append(lambda p, n, t, rgb: frames.append((n, t, rgb.copy())))
    host = Dcs(feather)
    host.init()
    host.fill(0, 0, 9, 9, RED)
    host.fill(10, 0, 19, 9, GREEN)  # same refresh: within frame_gap_ms
    feather.clock.sleep(0.1)
    host.fill(50, 60, 51, 61, BLUE)
    tft.flush_frame()
    events = feather.trace.of("display", "tft")
    assert [e.data["window"] for e in events] == [[0, 0, 239, 239], [50, 60, 51, 61]]
    assert [n for n, _, _ in frames] == [1, 2]
    t1, t2 = frames[0][1], frames[1][1]
    assert 0 < t1 < 100_000_000 <= t2
    assert frames[0][2][0:10, 0:20].any(axis=2).all() and not frames[0][2][60, 50].any()
    assert frames[1][2][60, 50].tolist() == [0, 0, 255]


def test_png_written_on_close(tmp_path):
    import hal
    from PIL import Image

    board = hal.open_board("sim", layout="adafruit_feather_rp2040")
    _attach(board, type="gc9a01", name="round", cs="D5", dc="D6", png=str(tmp_path / "r.png"))
    host = Dcs(board)
    host.init()
    host.fill(0, 0, 239, 119, RED)
    board.close()
    img = np.asarray(Image.open(tmp_path / "r.png").convert("RGB"))
    assert (img[:120] == [255, 0, 0]).all() and not img[120:].any()


# -- SH1106 ----------------------------------------------------------------------------------
def _sh_i2c(i2c, cmds=b"", data=b""):
    if cmds:
        i2c.writeto(0x3C, b"\x00" + bytes(cmds))
    if data:
        i2c.writeto(0x3C, b"\x40" + bytes(data))


SH_INIT = [0xAE, 0xD5, 0x80, 0xA8, 0x3F, 0xD3, 0x00, 0x40, 0xAD, 0x8B, 0xA1, 0xC8, 0xDA, 0x12,
           0x81, 0xCF, 0xD9, 0xF1, 0xDB, 0x40, 0xA4, 0xA6, 0xAF]  # fmt: skip


def test_sh1106_i2c_page_writes_at_column_offset(feather):
    oled = _attach(feather, type="sh1106", name="oled", bus="i2c")
    i2c = feather.i2c(*feather.default_i2c_pins)
    _sh_i2c(i2c, SH_INIT)
    _sh_i2c(i2c, [0xB0, 0x02, 0x10], [0x01, 0x80, 0xFF])  # page 0, column 2 = picture x 0
    _sh_i2c(i2c, [0xB7, 0x01, 0x18], [0x80])  # page 7, column 0x81 = 129 = picture x 127
    lit = oled.lit()
    assert lit.shape == (64, 128)
    expected = np.zeros((64, 128), bool)
    expected[0, 0] = expected[7, 1] = True
    expected[0:8, 2] = True
    expected[63, 127] = True
    assert (lit == expected).all()
    assert oled.picture()[63, 127].tolist() == [255, 255, 255]
    _sh_i2c(i2c, [0xA7])  # reverse
    assert (oled.lit() == ~expected).all()
    _sh_i2c(i2c, [0xA6, 0xA0, 0xC0])  # no remap, normal COM scan: picture rotated 180
    assert (oled.lit() == expected[::-1, ::-1]).all()
    _sh_i2c(i2c, [0xAE])
    assert not oled.lit().any()


def test_sh1106_columns_0_1_and_130_131_are_off_glass(feather):
    oled = _attach(feather, type="sh1106", name="oled", bus="i2c", address=0x3D)
    i2c = feather.i2c(*feather.default_i2c_pins)
    i2c.writeto(0x3D, b"\x00" + bytes(SH_INIT))
    i2c.writeto(0x3D, b"\x40" + b"\xff" * 2)  # columns 0 and 1
    i2c.writeto(0x3D, b"\x00\xb1\x02\x18")  # page 1, column 130
    i2c.writeto(0x3D, b"\x40\xff\xff\xff\xff")  # 130, 131; the counter stays at 131
    assert not oled.lit().any()
    assert oled.ram[1, 130] == 0xFF and oled.col == 131


def test_sh1106_start_line_and_control_byte_co_bit(feather):
    oled = _attach(feather, type="sh1106", name="oled", bus="i2c")
    i2c = feather.i2c(*feather.default_i2c_pins)
    _sh_i2c(i2c, SH_INIT)
    # Co=1 control bytes: command 0xB0, command 0x02, then a data run
    i2c.writeto(0x3C, bytes([0x80, 0xB0, 0x80, 0x02, 0x80, 0x10, 0x40, 0x01]))
    assert oled.lit()[0, 0]
    _sh_i2c(i2c, [0x41])  # start line 1: RAM row 1 shows at the top, row 0 at the bottom
    assert oled.lit()[63, 0] and not oled.lit()[0, 0]


def test_sh1106_on_spi_with_dc_pin(feather):
    oled = _attach(feather, type="sh1106", name="oled", cs="D5", dc="D6", rst="D9")
    host = Dcs(feather)
    host.cs.value = False
    host.dc.value = False
    host.spi.write(bytes(SH_INIT + [0xB3, 0x02, 0x11]))  # page 3, column 18 = x 16
    host.dc.value = True
    host.spi.write(b"\x0f\xf0")
    host.cs.value = True
    lit = oled.lit()
    assert lit[24:28, 16].all() and not lit[28:32, 16].any() and lit[28:32, 17].all()
    assert lit.sum() == 8
    host.rst.value = False
    assert not oled.lit().any()  # reset: display off


def test_sh1106_refresh_events_display_on_then_data(feather):
    oled = _attach(feather, type="sh1106", name="oled", bus="i2c")
    frames = []
    oled.frame_listeners.append(lambda p, n, t, rgb: frames.append((t, int(rgb.any(axis=2).sum()))))
    i2c = feather.i2c(*feather.default_i2c_pins, frequency=100_000)
    _sh_i2c(i2c, SH_INIT)  # display on: a refresh showing nothing
    _sh_i2c(i2c, [0xB0, 0x02, 0x10], b"\xff" * 128)  # 130 bytes at 100 kHz: > 2 ms later
    oled.flush_frame()
    events = feather.trace.of("display", "oled")
    assert [e.data["window"] for e in events] == [[0, 0, 127, 63]] * 2
    assert [lit for _, lit in frames] == [0, 128 * 8]
    assert frames[1][0] - frames[0][0] >= 131 * 9 * 10_000


def test_gif_timeline_drops_frames_under_20_ms_and_holds_the_last():
    from hal.sim.recorder import gif_timeline

    ms = 1_000_000
    # frames at 0, 100, 105 (5 ms: dropped, 105 shows from 100), 300; run ends at 400 ms
    assert gif_timeline([0, 100 * ms, 105 * ms, 300 * ms], 400 * ms) == [(0, 100), (2, 200),
                                                                         (3, 500)]  # fmt: skip
    assert gif_timeline([0], 2000 * ms) == [(0, 2000)]


@pytest.mark.parametrize("madctl", [0x00, 0x20, 0x40, 0x60, 0x80, 0xA0, 0xC0, 0xE0])
def test_burst_and_pixel_by_pixel_writes_agree(feather, madctl):
    """Whole-row bursts (sliced into memory) and single pixels (indexed) land the same way."""
    a = _st7789(feather)
    b = _attach(feather, type="st7789", name="b", cs="D10", dc="D6")
    rng = np.random.default_rng(madctl)
    data = rng.integers(0, 65536, 7 * 5).astype(">u2").tobytes()
    for cs, panel in (("D5", a), ("D10", b)):
        host = Dcs(feather, cs=cs, rst="D9" if cs == "D5" else "D11")
        host.init(madctl=madctl)
        x0 = 300 if madctl & 0x20 else 3  # with MV, logical x reaches 319
        host.window(x0, 100, x0 + 6, 104)
        if panel is a:
            host.send(0x2C, data)
        else:
            host.send(0x2C, data[:2])
            for i in range(2, len(data), 2):
                host.send(0x3C, data[i : i + 2])
        host.cs.deinit()
        host.dc.deinit()
        host.rst.deinit()
        host.spi.deinit()
    assert a.ram.any() and (a.ram == b.ram).all()


def test_ssd1306_records_refreshes_too(feather):
    oled = _attach(feather, type="ssd1306", name="oled", height=32)
    frames = []
    oled.frame_listeners.append(lambda p, n, t, rgb: frames.append(int(rgb.any(axis=2).sum())))
    i2c = feather.i2c(*feather.default_i2c_pins, frequency=400_000)
    i2c.writeto(0x3C, bytes([0x00, 0x8D, 0x14, 0xA1, 0xC8, 0x20, 0x00, 0xAF]))  # pump, on
    feather.clock.sleep(0.05)
    i2c.writeto(0x3C, b"\x40" + b"\xff" * 16)  # page 0, columns 0..15
    oled.flush_frame()
    assert frames == [0, 16 * 8]
    assert len(feather.trace.of("display", "oled")) == 2


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_driver_rotation_geometry_shows_displayio_canvas_upright(feather, rotation):
    # as adafruit_st7789.ST7789(bus, width=240, height=135, colstart=53, rowstart=40, rotation=r)
    # with the controller left at MADCTL 0: displayio rotates the canvas into native addresses
    w, h = (240, 135) if rotation in (90, 270) else (135, 240)
    tft = _st7789(feather, width=w, height=h, colstart=53, rowstart=40, driver_rotation=rotation)
    assert (tft.width, tft.height) == (w, h)
    canvas = np.random.default_rng(rotation).integers(0, 65536, (h, w))
    nw, nh = 135, 240
    native = np.zeros((nh, nw), np.int64)
    for y in range(h):
        for x in range(w):  # CircuitPython display_core: rotated canvas -> native address
            nx, ny = {0: (x, y), 90: (nw - 1 - y, x), 180: (nw - 1 - x, nh - 1 - y),
                      270: (y, nh - 1 - x)}[rotation]  # fmt: skip
            native[ny, nx] = canvas[y, x]
    host = Dcs(feather)
    host.init()
    host.window(53, 40, 53 + nw - 1, 40 + nh - 1)
    host.send(0x2C, native.astype(">u2").tobytes())
    pic = tft.picture().astype(np.int64)
    r5 = canvas >> 11
    assert (pic[:, :, 0] == (r5 << 3 | r5 >> 2)).all()


def test_recorder_writes_pngs_and_one_gif_per_display(feather, tmp_path):
    from PIL import Image

    from hal.sim.recorder import FrameRecorder

    a = _st7789(feather, width=240, height=240)
    b = _attach(feather, type="gc9a01", name="round", cs="D10", dc="D6")
    rec = FrameRecorder(feather, str(tmp_path), str(tmp_path / "run.gif"))
    idle = feather.gpio(feather.pins["D10"])
    idle.switch_to_output(True)  # round's chip select high while tft is driven
    idle.deinit()  # (a released line keeps its level)
    for cs, colour in (("D5", RED), ("D10", BLUE)):
        host = Dcs(feather, cs=cs, rst="D9" if cs == "D5" else "D11")
        host.init()
        host.fill(0, 0, 239, 239, colour)
        feather.clock.sleep(0.1)
        host.fill(0, 0, 9, 9, GREEN)
        for line in (host.cs, host.dc, host.rst, host.spi):
            line.deinit()
    written = rec.finish()
    assert sorted(p.name for p in written) == ["run-round.gif", "run-tft.gif"]
    # each: display on (black; the 115 kB fill then takes 38 ms on the bus), filled, corner
    names = sorted(p.name for p in tmp_path.glob("*-000?-*ms.png"))
    assert [n.split("-")[0] for n in names] == ["round"] * 3 + ["tft"] * 3, names
    gif = Image.open(tmp_path / "run-round.gif")
    gif.seek(gif.n_frames - 1)
    last = gif.convert("RGB")
    assert last.getpixel((100, 100)) == (0, 0, 255) and last.getpixel((5, 5)) == (0, 255, 0)
    assert a.frames_done == 3 and b.frames_done == 3
