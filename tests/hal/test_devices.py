"""Virtual devices: SHT31-D protocol and CRC, SSD1306 frame -> PNG, MCP3008 bits, LED, NeoPixel,
analog sources, PWM, UART peers."""

import errno

import pytest
from PIL import Image

from hal import Pull
from hal.sim.devices.sht31 import crc8
from hal.sim.scenario import apply_scenario


def _attach(board, **device):
    apply_scenario(board, {"device": [device]})
    return board.devices[device["name"]]


# -- SHT31-D -------------------------------------------------------------------------------
def test_sht31_crc_matches_datasheet_example():
    assert crc8(b"\xbe\xef") == 0x92


def _sht_read(i2c, n=6):
    buf = bytearray(n)
    i2c.readfrom_into(0x44, buf)
    for i in range(0, n, 3):
        assert crc8(buf[i : i + 2]) == buf[i + 2]
    return [buf[i] << 8 | buf[i + 1] for i in range(0, n, 3)]


def test_sht31_single_shot_converts_and_nacks_early_reads(feather):
    _attach(feather, type="sht31d", name="sht", temperature=25.0, humidity=60.0)
    i2c = feather.i2c(*feather.default_i2c_pins)
    i2c.writeto(0x44, b"\x24\x00")  # high repeatability, no clock stretching
    with pytest.raises(OSError) as exc:
        i2c.readfrom_into(0x44, bytearray(6))
    assert exc.value.errno == errno.ENODEV
    feather.clock.sleep(0.016)
    s_t, s_rh = _sht_read(i2c)
    assert -45 + 175 * s_t / 65535 == pytest.approx(25.0, abs=0.01)
    assert 100 * s_rh / 65535 == pytest.approx(60.0, abs=0.01)
    with pytest.raises(OSError):  # a result is read once
        i2c.readfrom_into(0x44, bytearray(6))


def test_sht31_status_serial_and_bad_command(feather):
    _attach(feather, type="sht31d", name="sht")
    i2c = feather.i2c(*feather.default_i2c_pins)
    i2c.writeto(0x44, b"\xf3\x2d")
    assert _sht_read(i2c, 3)[0] & 0x10  # reset detected after power-up
    i2c.writeto(0x44, b"\x30\x41")  # clear status
    i2c.writeto(0x44, b"\x30\x6d")  # heater on
    i2c.writeto(0x44, b"\xf3\x2d")
    assert _sht_read(i2c, 3)[0] == 0x2000
    i2c.writeto(0x44, b"\x37\x80")
    hi, lo = _sht_read(i2c, 6)
    assert (hi << 16 | lo) == 0x1A2B3C4D
    with pytest.raises(OSError) as exc:
        i2c.writeto(0x44, b"\x12\x34")
    assert exc.value.errno == errno.EIO


def test_sht31_periodic_mode_fetches_new_data_only(feather):
    sht = _attach(
        feather,
        type="sht31d",
        name="sht",
        humidity={"waveform": "steps", "points": [[0, 30], [2, 70]]},
    )
    i2c = feather.i2c(*feather.default_i2c_pins)
    i2c.writeto(0x44, b"\x21\x30")  # 1 measurement per second, high repeatability
    feather.clock.sleep(1.5)
    i2c.writeto(0x44, b"\xe0\x00")
    assert 100 * _sht_read(i2c)[1] / 65535 == pytest.approx(30, abs=0.01)
    i2c.writeto(0x44, b"\xe0\x00")
    with pytest.raises(OSError):  # nothing new yet
        i2c.readfrom_into(0x44, bytearray(6))
    feather.clock.sleep(2.0)
    i2c.writeto(0x44, b"\xe0\x00")
    assert 100 * _sht_read(i2c)[1] / 65535 == pytest.approx(70, abs=0.01)
    with pytest.raises(OSError):  # only break/fetch/... are accepted while periodic
        i2c.writeto(0x44, b"\x24\x00")
    i2c.writeto(0x44, b"\x30\x93")
    assert sht.periodic_ns is None


# -- SSD1306 -------------------------------------------------------------------------------
def _cmds(i2c, *cmds):
    for c in cmds:
        i2c.writeto(0x3C, bytes([0x80, c]))


def test_ssd1306_horizontal_mode_frame_to_png(feather, tmp_path):
    oled = _attach(feather, type="ssd1306", name="oled", height=32)
    i2c = feather.i2c(*feather.default_i2c_pins)
    _cmds(i2c, 0xAE, 0x20, 0x00, 0xA1, 0xC8, 0x8D, 0x14, 0xAF, 0x21, 0, 127, 0x22, 0, 3)
    frame = bytearray(128 * 4)
    frame[0] = 0x01  # pixel (0, 0)
    frame[128 * 3 + 127] = 0x80  # pixel (127, 31)
    frame[128 * 2 + 10] = 0xFF  # column 10, rows 16..23
    i2c.writeto(0x3C, b"\x40" + frame)
    path = tmp_path / "frame.png"
    oled.save_png(str(path), scale=2)
    img = Image.open(path)
    assert img.size == (256, 64)
    lit = {(x // 2, y // 2) for x in range(256) for y in range(64) if img.getpixel((x, y))}
    assert lit == {(0, 0), (127, 31)} | {(10, y) for y in range(16, 24)}


def test_ssd1306_page_mode_flips_off_and_inverse(feather):
    oled = _attach(feather, type="ssd1306", name="oled", height=64)
    i2c = feather.i2c(*feather.default_i2c_pins)
    _cmds(i2c, 0xA1, 0xC8, 0x8D, 0x14, 0xAF, 0xB2, 0x05, 0x10)  # page 2, column 5
    i2c.writeto(0x3C, b"\x40\x01\x02")
    px = oled.pixels()
    assert px[16][5] and px[17][6] and sum(map(sum, px)) == 2
    _cmds(i2c, 0xA0)  # segment remap off: mirrored
    assert oled.pixels()[16][127 - 5]
    _cmds(i2c, 0xA7)  # inverse
    assert sum(map(sum, oled.pixels())) == 128 * 64 - 2
    _cmds(i2c, 0xAE)  # display off: dark
    assert sum(map(sum, oled.pixels())) == 0


def test_ssd1306_without_charge_pump_stays_dark(feather):
    oled = _attach(feather, type="ssd1306", name="oled")
    i2c = feather.i2c(*feather.default_i2c_pins)
    _cmds(i2c, 0xA5, 0xAF)  # entire display on, but no 0x8D 0x14
    assert sum(map(sum, oled.pixels())) == 0
    _cmds(i2c, 0x8D, 0x14)
    assert sum(map(sum, oled.pixels())) == 128 * 64


# -- MCP3008 -------------------------------------------------------------------------------
def test_mcp3008_byte_aligned_and_shifted_framings(feather):
    _attach(feather, type="mcp3008", name="adc", cs="D5", channels=[1.0, 2.5, 3.3])
    spi = feather.spi(*feather.default_spi_pins)
    cs = feather.gpio(feather.pins["D5"])
    cs.switch_to_output(True)

    def xfer(out):
        back = bytearray(len(out))
        cs.value = False
        spi.write_readinto(bytes(out), back)
        cs.value = True
        return back

    for ch, volts in enumerate([1.0, 2.5, 3.3]):
        r = xfer([0x01, 0x80 | ch << 4, 0x00])  # Adafruit's framing
        assert ((r[1] & 3) << 8 | r[2]) == min(1023, int(volts / 3.3 * 1024))
    for lead in (0, 3, 5):  # start bit at other offsets: the chip works bit by bit
        bits = [0] * lead + [1, 1, 0, 0, 1] + [0] * (19 - lead)  # start, SGL, channel 1
        out = [int("".join(map(str, bits[i : i + 8])), 2) for i in range(0, 24, 8)]
        r = xfer(out)
        got = "".join(f"{b:08b}" for b in r)
        assert int(got[lead + 7 : lead + 17], 2) == int(2.5 / 3.3 * 1024)
    # deselected: MISO floats high and the chip ignores the clock
    back = bytearray(3)
    spi.write_readinto(b"\x01\x80\x00", back)
    assert back == b"\xff\xff\xff"


# -- pin devices, analog, PWM, NeoPixel, UART -----------------------------------------------
def test_led_records_on_off_and_pwm_brightness(feather):
    led = _attach(feather, type="led", name="led", pin="LED")
    line = feather.gpio(feather.pins["D13"])
    line.switch_to_output(True)
    feather.clock.sleep(0.5)
    line.value = False
    assert [(t, b) for t, b in led.history] == [(0, 1.0), (500_000_000, 0.0)]
    line.deinit()
    pwm = feather.pwm(feather.pins["LED"], duty_cycle=16384)
    assert led.brightness == pytest.approx(0.25, abs=1e-4)
    pwm.duty_cycle = 65535
    assert led.on and led.brightness == 1.0
    with pytest.raises(ValueError):
        pwm.duty_cycle = 70000


def test_button_with_its_own_pull_up_reads_pressed_low(feather):
    _attach(
        feather,
        type="button",
        name="b",
        pin="D6",
        pull="up",
        presses=[{"at": 0.1, "duration": 0.1}],
    )
    line = feather.gpio(feather.pins["D6"])
    assert line.value is True
    feather.clock.sleep(0.15)
    assert line.value is False
    feather.clock.sleep(0.1)
    assert line.value is True
    assert feather.devices["b"].presses == 1


def test_adc_reads_waveforms_as_16_bit_values(feather):
    _attach(
        feather,
        type="analog",
        name="pot",
        pin="A1",
        volts={"waveform": "ramp", "start": 0, "end": 3.3, "period": 1.0},
    )
    adc = feather.adc(feather.pins["A1"])
    assert adc.reference_voltage == 3.3
    assert adc.value < 200
    feather.clock.sleep(0.5)
    assert adc.value == pytest.approx(32768, abs=100)
    with pytest.raises(ValueError, match="D5 does not have ADC"):
        feather.adc(feather.pins["D5"])


def test_dac_on_the_generic_board():
    import hal

    board = hal.open_board(layout="generic")
    dac = board.dac(board.pins["A0"])
    dac.value = 32768
    assert board.net(board.pins["A0"]).analog_out == pytest.approx(1.65, abs=1e-3)
    with pytest.raises(ValueError):
        board.dac(board.pins["A1"])


def test_neopixel_strip_decodes_grb(feather):
    strip = _attach(feather, type="neopixel", name="px", pin="NEOPIXEL", count=2)
    feather.neopixel_write(feather.pins["NEOPIXEL"], bytes([10, 20, 30, 1, 2, 3]))
    assert strip.pixels == [(20, 10, 30), (2, 1, 3)]
    t0 = feather.clock.now()
    feather.neopixel_write(feather.pins["NEOPIXEL"], bytes([255, 0, 0]))  # shorter: pixel 1 kept
    assert strip.pixels == [(0, 255, 0), (2, 1, 3)]
    assert feather.clock.now() - t0 >= 24 * 1250


def test_uart_echo_and_script(feather):
    _attach(feather, type="uart", name="peer", echo=True, script=[{"at": 1.0, "data": "hello\n"}])
    uart = feather.uart(feather.pins["TX"], feather.pins["RX"], 115200, timeout=0.1)
    uart.write(b"ping")
    assert uart.in_waiting == 4 and uart.read(2) == b"pi" and uart.read() == b"ng"
    assert uart.read() is None  # timeout in virtual time, nothing arrives
    uart.timeout = 2.0
    assert uart.readline() == b"hello\n"
    assert feather.devices["peer"].received == b"ping"


def test_i2c_nack_errno_and_scan(feather):
    _attach(feather, type="ssd1306", name="oled")
    i2c = feather.i2c(*feather.default_i2c_pins)
    assert i2c.scan() == [0x3C]
    with pytest.raises(OSError) as exc:
        i2c.writeto(0x50, b"\x00")
    assert exc.value.errno == errno.ENODEV and exc.value.args[0] == 19


def test_spi_write_readinto_needs_equal_lengths(feather):
    spi = feather.spi(*feather.default_spi_pins)
    with pytest.raises(ValueError):
        spi.write_readinto(b"\x00\x00", bytearray(1))
    spi.configure(baudrate=1_000_000, polarity=1, phase=1)
    assert spi.frequency == 1_000_000


def test_input_pull_is_independent_of_a_floating_pin(feather):
    line = feather.gpio(feather.pins["D9"])
    line.switch_to_input(Pull.DOWN)
    assert line.value is False
