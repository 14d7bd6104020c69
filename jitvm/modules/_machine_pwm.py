"""machine.PWM (MicroPython): freq(), duty_u16(), duty_ns(); ESP32 layouts add the 10-bit duty()."""

from __future__ import annotations

from typing import Any

from jitvm.modules import _hw
from jitvm.modules._machine_bus import hal_pin

_UNSET = object()


class PWM:
    """Pulse-width modulation on a pin: freq(), duty_u16(), duty_ns()."""

    def __init__(
        self,
        dest: Any,
        *,
        freq: int = -1,
        duty_u16: int = -1,
        duty_ns: int = -1,
        invert: bool = False,
        duty: int = -1,
    ) -> None:
        pin = hal_pin(dest)
        self._pin = pin
        self._dev: Any = None
        self._invert = False
        self._duty = 0
        self.init(freq=freq, duty_u16=duty_u16, duty_ns=duty_ns, invert=invert)
        if duty >= 0:
            self.duty(duty)

    def init(
        self, *, freq: int = -1, duty_u16: int = -1, duty_ns: int = -1, invert: Any = -1
    ) -> None:
        if self._dev is None or self._dev.deinited:
            self._dev = _hw.get_board().pwm(
                self._pin, 1000 if freq <= 0 else freq, 0, variable_frequency=True
            )
        if freq > 0:
            self.freq(freq)
        if invert != -1:
            self._invert = bool(invert)
        if duty_u16 >= 0:
            self.duty_u16(duty_u16)
        elif duty_ns >= 0:
            self.duty_ns(duty_ns)
        else:
            self._write()

    def _live(self) -> Any:
        if self._dev is None or self._dev.deinited:
            self.init()
        return self._dev

    def _write(self) -> None:
        self._live().duty_cycle = 65535 - self._duty if self._invert else self._duty

    def deinit(self) -> None:
        if self._dev is not None:
            self._dev.deinit()
            self._dev = None

    def freq(self, value: Any = _UNSET) -> Any:
        dev = self._live()
        if value is _UNSET:
            return int(dev.frequency)
        if not isinstance(value, int) or value <= 0:
            raise ValueError("freq too small")
        dev.frequency = value
        return None

    def duty_u16(self, value: Any = _UNSET) -> Any:
        self._live()
        if value is _UNSET:
            return self._duty
        self._duty = max(0, min(65535, int(value)))
        self._write()
        return None

    def duty(self, value: Any = _UNSET) -> Any:
        """ESP32's 10-bit duty, 0..1023 (ESP32 layouts only, as on the boards)."""
        if not _hw.board_mcu().startswith("esp"):
            raise AttributeError("'PWM' object has no attribute 'duty'")
        if value is _UNSET:
            return self.duty_u16() >> 6
        value = int(value)
        if not 0 <= value <= 1023:
            raise ValueError("duty must be from 0 to 1023")
        self.duty_u16(value << 6)
        return None

    def duty_ns(self, value: Any = _UNSET) -> Any:
        dev = self._live()
        period_ns = 1_000_000_000 / dev.frequency
        if value is _UNSET:
            return round(self._duty * period_ns / 65535)
        self.duty_u16(round(int(value) * 65535 / period_ns))
        return None

    def __repr__(self) -> str:
        return f"<PWM freq={self.freq()} duty_u16={self._duty}>"
