"""Bosch BME280 humidity/pressure/temperature sensor on I2C, modelled on its datasheet (rev 1.6).

The register map is the real one: chip id 0x60 at 0xD0, soft reset 0xE0 (write 0xB6),
calibration 0x88..0xA1 and 0xE1..0xE7, ctrl_hum 0xF2, status 0xF3 (bit 3 measuring, bit 0
im_update), ctrl_meas 0xF4, config 0xF5, data 0xF7..0xFE (press, temp 20-bit, hum 16-bit).
Raw ADC values are computed by inverting the datasheet's floating-point compensation
formulas, so a driver that applies them reads back the scenario's temperature, pressure and
humidity.  Not modelled: the IIR filter and measurement noise.
"""

from __future__ import annotations

import math
import struct
from typing import Any

from hal.sim.devices.base import RegisterI2CTarget
from hal.sim.spec import Spec

CHIP_ID = 0x60
REG_CALIB_TP = 0x88  # 0x88..0x9F: dig_T1..dig_P9, little endian
REG_H1 = 0xA1
REG_ID = 0xD0
REG_RESET = 0xE0
REG_CALIB_H = 0xE1  # 0xE1..0xE7
REG_CTRL_HUM = 0xF2
REG_STATUS = 0xF3
REG_CTRL_MEAS = 0xF4
REG_CONFIG = 0xF5
REG_DATA = 0xF7  # ..0xFE

#: A plausible factory calibration (the T/P values are the datasheet's worked example).
DEFAULT_CALIBRATION = {
    "T1": 27504, "T2": 26435, "T3": -1000,
    "P1": 36477, "P2": -10685, "P3": 3024, "P4": 2855, "P5": 140, "P6": -7,
    "P7": 15500, "P8": -14600, "P9": 6000,
    "H1": 75, "H2": 362, "H3": 0, "H4": 313, "H5": 50, "H6": 30,
}  # fmt: skip

OVERSAMPLING = (0, 1, 2, 4, 8, 16, 16, 16)  # osrs_x field -> samples (0 = skipped)
STANDBY_MS = (0.5, 62.5, 125, 250, 500, 1000, 10, 20)  # config t_sb field


def t_fine_from_adc(adc_t: float, c: dict[str, int]) -> int:
    """The datasheet's double-precision temperature step (what drivers compute)."""
    var1 = (adc_t / 16384.0 - c["T1"] / 1024.0) * c["T2"]
    var2 = (adc_t / 131072.0 - c["T1"] / 8192.0) ** 2 * c["T3"]
    return int(var1 + var2)


def _pressure_terms(t_fine: int, c: dict[str, int]) -> tuple[float, float]:
    var1 = t_fine / 2.0 - 64000.0
    var2 = var1 * var1 * c["P6"] / 32768.0
    var2 = var2 + var1 * c["P5"] * 2.0
    var2 = var2 / 4.0 + c["P4"] * 65536.0
    var1 = (c["P3"] * var1 * var1 / 524288.0 + c["P2"] * var1) / 524288.0
    var1 = (1.0 + var1 / 32768.0) * c["P1"]
    return var1, var2


def _humidity_terms(t_fine: int, c: dict[str, int]) -> tuple[float, float]:
    """(offset, gain) so that ``var_h = (adc_h - offset) * gain`` in the datasheet formula."""
    x = t_fine - 76800.0
    offset = c["H4"] * 64.0 + c["H5"] / 16384.0 * x
    gain = c["H2"] / 65536.0 * (1.0 + c["H6"] / 67108864.0 * x * (1.0 + c["H3"] / 67108864.0 * x))
    return offset, gain


def _smaller_root(a: float, b: float, c: float) -> float:
    """The root of a*x^2 + b*x + c = 0 nearest -c/b (the physically meaningful branch)."""
    if abs(a) < 1e-30:
        return -c / b
    disc = math.sqrt(max(b * b - 4 * a * c, 0.0))
    # numerically stable form of (-b ± disc) / 2a picking the root near -c/b
    q = -0.5 * (b + math.copysign(disc, b))
    return c / q


def raw_from_physical(
    temp_c: float, press_hpa: float, hum_pct: float, c: dict[str, int]
) -> tuple[int, int, int]:
    """Invert the compensation: (adc_T, adc_P, adc_H) that compensate to the given values."""
    # temperature: t_fine = 8*T2*u + T3*u^2 with u = adc/131072 - T1/8192
    target = temp_c * 5120.0
    u = _smaller_root(c["T3"], 8.0 * c["T2"], -target)
    adc_t = round((u + c["T1"] / 8192.0) * 131072.0)
    adc_t = min(max(adc_t, 0), 0xFFFFF)
    t_fine = t_fine_from_adc(adc_t, c)
    # pressure: p_out = p + (P9*p^2/2^31 + P8*p/2^15 + P7)/16, p = ((2^20-adc) - var2/4096)*6250/var1
    var1, var2 = _pressure_terms(t_fine, c)
    pa = press_hpa * 100.0
    p = _smaller_root(
        c["P9"] / 2147483648.0 / 16.0, 1.0 + c["P8"] / 32768.0 / 16.0, c["P7"] / 16.0 - pa
    )
    adc_p = round(1048576.0 - (p * var1 / 6250.0 + var2 / 4096.0))
    adc_p = min(max(adc_p, 0), 0xFFFFF)
    # humidity: h = v*(1 - H1*v/524288), v = (adc - offset)*gain
    offset, gain = _humidity_terms(t_fine, c)
    v = _smaller_root(-c["H1"] / 524288.0, 1.0, -min(max(hum_pct, 0.0), 100.0))
    adc_h = round(v / gain + offset)
    adc_h = min(max(adc_h, 0), 0xFFFF)
    return adc_t, adc_p, adc_h


def calibration_bytes(c: dict[str, int]) -> tuple[bytes, bytes]:
    """(0x88..0xA1 image: 26 bytes, 0xE1..0xE7 image: 7 bytes) in the chip's packing."""
    tp = struct.pack(
        "<HhhHhhhhhhhh",
        *(c[k] for k in ("T1", "T2", "T3", "P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P9")),
    )
    block1 = tp + bytes([0x00, c["H1"] & 0xFF])  # 0xA0 is reserved
    h4, h5 = c["H4"] & 0xFFF, c["H5"] & 0xFFF
    block2 = struct.pack("<hB", c["H2"], c["H3"]) + bytes(
        [h4 >> 4, (h4 & 0x0F) | ((h5 & 0x0F) << 4), h5 >> 4, c["H6"] & 0xFF]
    )
    return block1, block2


def measurement_time_ns(osrs_t: int, osrs_p: int, osrs_h: int) -> int:
    """Typical conversion time, datasheet section 9.1."""
    ms = 1.0 + 2.0 * OVERSAMPLING[osrs_t]
    if osrs_p:
        ms += 2.0 * OVERSAMPLING[osrs_p] + 0.5
    if osrs_h:
        ms += 2.0 * OVERSAMPLING[osrs_h] + 0.5
    return round(ms * 1e6)


class BME280(RegisterI2CTarget):
    """A BME280 at 0x76/0x77.  ``temperature`` (°C), ``pressure`` (hPa), ``humidity`` (%RH)
    are waveforms of virtual time."""

    TYPE = "bme280"

    def __init__(
        self,
        board,
        name: str,
        scl,
        sda,
        address: int,
        temperature,
        pressure,
        humidity,
        calibration=None,
    ) -> None:
        super().__init__(board, name)
        self.address = address
        self.temperature, self.pressure, self.humidity = temperature, pressure, humidity
        self.calibration = dict(DEFAULT_CALIBRATION, **(calibration or {}))
        self._calib1, self._calib2 = calibration_bytes(self.calibration)
        self.resets = 0
        self.measurements = 0
        self._reset_registers()
        board.attach_i2c(scl, sda, address, self)

    @classmethod
    def from_spec(cls, board, name: str, spec: Spec) -> BME280:
        scl, sda = spec.i2c_pins()
        address = spec.integer("address", 0x77, lo=0x76, hi=0x77)
        return cls(
            board,
            name,
            scl,
            sda,
            address,
            spec.waveform("temperature", 22.0),
            spec.waveform("pressure", 1013.25),
            spec.waveform("humidity", 45.0),
        )

    # -- state ------------------------------------------------------------------------
    def _reset_registers(self) -> None:
        self.ctrl_hum = 0
        self.ctrl_meas = 0
        self.config = 0
        self._ctrl_hum_latched = 0
        self._data = bytes([0x80, 0x00, 0x00, 0x80, 0x00, 0x00, 0x80, 0x00])  # reset values
        self._snapshot = self._data
        self._busy_until = 0
        self._nvm_until = self.board.clock.now() + 2_000_000  # NVM copy after power-on/reset
        self._normal_start = 0
        self._pair_is_data = False

    def _now(self) -> int:
        return self.board.clock.now()

    @property
    def mode(self) -> int:
        return self.ctrl_meas & 0x03

    def _t_measure(self) -> int:
        return measurement_time_ns(
            self.ctrl_meas >> 5, (self.ctrl_meas >> 2) & 7, self._ctrl_hum_latched & 7
        )

    def _convert(self, t_ns: int) -> bytes:
        """The data registers for a conversion at virtual time t_ns."""
        self.measurements += 1
        osrs_t, osrs_p, osrs_h = (
            self.ctrl_meas >> 5,
            (self.ctrl_meas >> 2) & 7,
            self._ctrl_hum_latched & 7,
        )
        adc_t, adc_p, adc_h = raw_from_physical(
            self.temperature(t_ns), self.pressure(t_ns), self.humidity(t_ns), self.calibration
        )
        # A skipped measurement reads 0x80000 (0x8000 for humidity); pressure and humidity
        # need temperature (t_fine), but their raw values stand alone in the registers.
        if not osrs_t:
            adc_t = 0x80000
        if not osrs_p:
            adc_p = 0x80000
        if not osrs_h:
            adc_h = 0x8000
        return bytes(
            [adc_p >> 12, (adc_p >> 4) & 0xFF, (adc_p & 0xF) << 4,
             adc_t >> 12, (adc_t >> 4) & 0xFF, (adc_t & 0xF) << 4,
             adc_h >> 8, adc_h & 0xFF]
        )  # fmt: skip

    def _normal_period(self) -> int:
        return self._t_measure() + round(STANDBY_MS[self.config >> 5] * 1e6)

    def _refresh(self) -> None:
        """Bring the data registers up to the current time (normal mode cycles on its own)."""
        if self.mode == 0x03:
            # the last conversion that has finished: start + k*period + t_measure <= now
            period, t_meas = self._normal_period(), self._t_measure()
            k = (self._now() - self._normal_start - t_meas) // period
            if k >= 0:
                self._data = self._convert(self._normal_start + k * period + t_meas)

    def _status(self) -> int:
        now = self._now()
        measuring = now < self._busy_until
        if self.mode == 0x03:
            measuring = (now - self._normal_start) % self._normal_period() < self._t_measure()
        return (0x08 if measuring else 0) | (0x01 if now < self._nvm_until else 0)

    def _start_forced(self) -> None:
        t_done = self._now() + self._t_measure()
        self._busy_until = t_done

        def finish() -> None:
            self._data = self._convert(t_done)
            self.ctrl_meas &= ~0x03  # back to sleep mode, as the datasheet says

        self.board.clock.call_at(t_done, finish)

    # -- register protocol ----------------------------------------------------------------
    def i2c_start(self, read: bool) -> bool:
        self._pair_is_data = False
        return super().i2c_start(read)

    def i2c_write(self, byte: int) -> bool:
        # Writes are (register, value) pairs after the first register byte; no auto-increment.
        if self._first:
            self.pointer, self._first, self._pair_is_data = byte, False, True
        elif self._pair_is_data:
            self.write_register(self.pointer, byte)
            self._pair_is_data = False
        else:
            self.pointer, self._pair_is_data = byte, True
        return True

    def begin_read(self) -> None:
        # Burst reads of 0xF7..0xFE come from shadow registers latched at the start.
        self._refresh()
        self._snapshot = self._data

    def read_register(self, reg: int) -> int:
        if REG_CALIB_TP <= reg <= REG_H1:
            return self._calib1[reg - REG_CALIB_TP]
        if REG_CALIB_H <= reg < REG_CALIB_H + 7:
            return self._calib2[reg - REG_CALIB_H]
        if reg == REG_ID:
            return CHIP_ID
        if reg == REG_CTRL_HUM:
            return self.ctrl_hum
        if reg == REG_STATUS:
            return self._status()
        if reg == REG_CTRL_MEAS:
            return self.ctrl_meas
        if reg == REG_CONFIG:
            return self.config
        if REG_DATA <= reg <= 0xFE:
            return self._snapshot[reg - REG_DATA]
        return 0x00

    def write_register(self, reg: int, value: int) -> None:
        if reg == REG_RESET:
            if value == 0xB6:
                self.resets += 1
                self._reset_registers()
        elif reg == REG_CTRL_HUM:
            self.ctrl_hum = value & 0x07  # takes effect at the next ctrl_meas write
        elif reg == REG_CTRL_MEAS:
            self.ctrl_meas = value
            self._ctrl_hum_latched = self.ctrl_hum
            if self.mode in (0x01, 0x02):
                self._start_forced()
            elif self.mode == 0x03:
                self._normal_start = self._now()
        elif reg == REG_CONFIG:
            self.config = value & 0xFD  # bit 1 is reserved

    def state(self) -> dict[str, Any]:
        return {
            "ctrl_meas": self.ctrl_meas,
            "ctrl_hum": self.ctrl_hum,
            "config": self.config,
            "measurements": self.measurements,
            "resets": self.resets,
        }
