"""BME280 model: register map, reset, forced/normal modes, and compensation round trips
checked with the datasheet's integer formulas (an independent path from the model's inversion)."""

import struct

import pytest

from hal.api import ScenarioError
from hal.sim.scenario import apply_scenario


def _bme(board, **values):
    apply_scenario(
        board, {"device": [{"type": "bme280", "name": "bme", "address": 0x77, **values}]}
    )
    return board.i2c(*board.default_i2c_pins)


def _read(i2c, reg, n):
    buf = bytearray(n)
    i2c.writeto(0x77, bytes([reg]))
    i2c.readfrom_into(0x77, buf)
    return bytes(buf)


def _calibration(i2c):
    t_p = struct.unpack("<HhhHhhhhhhhh", _read(i2c, 0x88, 24))
    h1 = _read(i2c, 0xA1, 1)[0]
    e = _read(i2c, 0xE1, 7)
    h2, h3 = struct.unpack("<hB", e[:3])
    h4 = (struct.unpack("b", e[3:4])[0] << 4) | (e[4] & 0x0F)
    h5 = (struct.unpack("b", e[5:6])[0] << 4) | (e[4] >> 4)
    h6 = struct.unpack("b", e[6:7])[0]
    return t_p, (h1, h2, h3, h4, h5, h6)


def _compensate_int(adc_t, adc_p, adc_h, tp, h):
    """Bosch datasheet section 4.2.3 / 8.2 integer compensation (32/64-bit)."""
    T1, T2, T3, P1, P2, P3, P4, P5, P6, P7, P8, P9 = tp
    H1, H2, H3, H4, H5, H6 = h
    var1 = (((adc_t >> 3) - (T1 << 1)) * T2) >> 11
    var2 = (((((adc_t >> 4) - T1) * ((adc_t >> 4) - T1)) >> 12) * T3) >> 14
    t_fine = var1 + var2
    temp = ((t_fine * 5 + 128) >> 8) / 100
    var1 = t_fine - 128000
    var2 = var1 * var1 * P6 + ((var1 * P5) << 17) + (P4 << 35)
    var1 = ((var1 * var1 * P3) >> 8) + ((var1 * P2) << 12)
    var1 = (((1 << 47) + var1) * P1) >> 33
    p = 1048576 - adc_p
    p = (((p << 31) - var2) * 3125) // var1
    var1 = (P9 * (p >> 13) * (p >> 13)) >> 25
    var2 = (P8 * p) >> 19
    press = (((p + var1 + var2) >> 8) + (P7 << 4)) / 256 / 100
    v = t_fine - 76800
    v = (((adc_h << 14) - (H4 << 20) - (H5 * v)) + 16384) >> 15
    v = (
        v
        * (
            (
                (
                    ((((t_fine - 76800) * H6) >> 10) * ((((t_fine - 76800) * H3) >> 11) + 32768))
                    >> 10
                )
                + 2097152
            )
            * H2
            + 8192
        )
        >> 14
    )
    v = v - (((((v >> 15) * (v >> 15)) >> 7) * H1) >> 4)
    v = min(max(v, 0), 419430400)
    return temp, press, (v >> 12) / 1024


def _forced_measurement(board, i2c):
    i2c.writeto(0x77, bytes([0xF2, 0x01]))  # ctrl_hum: x1
    i2c.writeto(0x77, bytes([0xF4, 0b001_001_01]))  # temp x1, press x1, forced
    assert _read(i2c, 0xF3, 1)[0] & 0x08  # measuring
    board.clock.sleep(0.02)
    assert _read(i2c, 0xF3, 1)[0] & 0x08 == 0
    assert _read(i2c, 0xF4, 1)[0] & 0x03 == 0  # back to sleep mode after a forced conversion
    d = _read(i2c, 0xF7, 8)
    return (
        (d[3] << 12 | d[4] << 4 | d[5] >> 4),
        (d[0] << 12 | d[1] << 4 | d[2] >> 4),
        (d[6] << 8 | d[7]),
    )


def test_chip_id_and_soft_reset(feather):
    i2c = _bme(feather)
    assert _read(i2c, 0xD0, 1) == b"\x60"
    i2c.writeto(0x77, bytes([0xF4, 0x27]))
    assert _read(i2c, 0xF4, 1) == b"\x27"
    i2c.writeto(0x77, bytes([0xE0, 0xB6]))
    assert _read(i2c, 0xF4, 1) == b"\x00"
    assert _read(i2c, 0xF3, 1)[0] & 0x01  # im_update while NVM is copied
    feather.clock.sleep(0.004)
    assert _read(i2c, 0xF3, 1)[0] & 0x01 == 0


@pytest.mark.parametrize(
    "temp,press,hum",
    [(22.0, 1013.25, 45.0), (-15.5, 870.0, 5.0), (38.2, 1085.0, 92.5), (0.0, 1000.0, 50.0)],
)
def test_compensation_round_trip_with_datasheet_integer_formulas(feather, temp, press, hum):
    i2c = _bme(feather, temperature=temp, pressure=press, humidity=hum)
    tp, h = _calibration(i2c)
    t, p, rh = _compensate_int(*_forced_measurement(feather, i2c), tp, h)
    assert t == pytest.approx(temp, abs=0.02)
    assert p == pytest.approx(press, abs=0.05)
    assert rh == pytest.approx(hum, abs=0.1)


def test_skipped_measurements_read_0x80000(feather):
    i2c = _bme(feather)
    i2c.writeto(0x77, bytes([0xF4, 0b001_000_01]))  # pressure and humidity skipped
    feather.clock.sleep(0.01)
    d = _read(i2c, 0xF7, 8)
    assert d[0:3] == b"\x80\x00\x00" and d[6:8] == b"\x80\x00"


def test_normal_mode_follows_a_waveform(feather):
    ramp = {"waveform": "ramp", "start": 10.0, "end": 30.0, "period": 100.0, "repeat": False}
    i2c = _bme(feather, temperature=ramp)
    tp, h = _calibration(i2c)
    i2c.writeto(0x77, bytes([0xF2, 0x01, 0xF5, 0x00, 0xF4, 0b001_001_11]))  # pairs in one write
    assert _read(i2c, 0xF5, 1) == b"\x00" and _read(i2c, 0xF4, 1)[0] & 3 == 3
    feather.clock.sleep(50.0)
    d = _read(i2c, 0xF7, 8)
    adc = (
        (d[3] << 12 | d[4] << 4 | d[5] >> 4),
        (d[0] << 12 | d[1] << 4 | d[2] >> 4),
        (d[6] << 8 | d[7]),
    )
    assert _compensate_int(*adc, tp, h)[0] == pytest.approx(20.0, abs=0.05)


def test_bad_address_is_a_scenario_error(feather):
    with pytest.raises(
        ScenarioError, match=r"device #1 \(bme280 .x.\): .address. = 80 is out of range"
    ):
        apply_scenario(feather, {"device": [{"type": "bme280", "name": "x", "address": 0x50}]})
