"""Simulated PWM outputs, ADC inputs and DAC outputs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hal.api import AnalogIn, AnalogOut, HalError, Pin, PWMOut
from hal.sim.gpio import SimPeripheral

if TYPE_CHECKING:
    from hal.sim.board import SimBoard


def _check_u16(value: int, what: str) -> int:
    if not isinstance(value, int) or not 0 <= value <= 65535:
        raise ValueError(f"{what} must be 0-65535")
    return value


class SimPWMOut(SimPeripheral, PWMOut):
    """PWM on a pin: the Net carries (duty, frequency); LEDs on it show the mean brightness."""

    def __init__(
        self, board: SimBoard, pin: Pin, frequency: int, duty_cycle: int, variable_frequency: bool
    ) -> None:
        if frequency <= 0:
            raise ValueError("frequency must be positive")
        _check_u16(duty_cycle, "duty_cycle")
        super().__init__(board, [pin])
        self.pin = pin
        self._net = board.net(pin)
        self._variable = variable_frequency
        self._frequency = int(frequency)
        self._duty = duty_cycle
        self._net.set_pwm(self._duty, self._frequency)

    @property
    def duty_cycle(self) -> int:
        self._check()
        return self._duty

    @duty_cycle.setter
    def duty_cycle(self, value: int) -> None:
        self._check()
        self._duty = _check_u16(value, "duty_cycle")
        self._net.set_pwm(self._duty, self._frequency)

    @property
    def frequency(self) -> int:
        self._check()
        return self._frequency

    @frequency.setter
    def frequency(self, value: int) -> None:
        self._check()
        if not self._variable:
            raise HalError("PWM frequency not writable when variable_frequency is False")
        if value <= 0:
            raise ValueError("frequency must be positive")
        self._frequency = int(value)
        self._net.set_pwm(self._duty, self._frequency)

    def _on_deinit(self) -> None:
        self._net.set_pwm(None)


class SimAnalogIn(SimPeripheral, AnalogIn):
    """An ADC channel: quantised to the board's ``adc_bits`` then scaled to 16 bits."""

    CONVERSION_NS = 2_000

    def __init__(self, board: SimBoard, pin: Pin) -> None:
        if not pin.supports("adc"):
            raise ValueError(f"{pin.name} does not have ADC capabilities")
        super().__init__(board, [pin])
        self.pin = pin
        self._net = board.net(pin)

    @property
    def value(self) -> int:
        self._check()
        board = self._board
        board.clock.advance_ns(self.CONVERSION_NS)
        vref = board.reference_voltage
        volts = self._net.voltage(vref)
        bits = board.adc_bits
        raw = round(min(max(volts / vref, 0.0), 1.0) * ((1 << bits) - 1))
        # Widen like CircuitPython does (repeat the top bits into the new low bits).
        value = (raw << (16 - bits)) | (raw >> (2 * bits - 16)) if bits < 16 else raw
        board.trace.record("adc", self.pin.name, value, {"volts": round(volts, 6)})
        return value

    @property
    def reference_voltage(self) -> float:
        self._check()
        return self._board.reference_voltage


class SimAnalogOut(SimPeripheral, AnalogOut):
    """A DAC channel: sets the pin's voltage (what an analog input on the same net would read)."""

    def __init__(self, board: SimBoard, pin: Pin) -> None:
        if not pin.supports("dac"):
            raise ValueError(f"{pin.name} does not have DAC capabilities")
        super().__init__(board, [pin])
        self.pin = pin
        self._net = board.net(pin)
        self._value = 0
        self._net.analog_out = 0.0

    @property
    def value(self) -> int:
        self._check()
        return self._value

    @value.setter
    def value(self, value: int) -> None:
        self._check()
        self._value = _check_u16(value, "value")
        self._net.analog_out = self._board.reference_voltage * value / 65535
        self._board.trace.record("dac", self.pin.name, value)

    @property
    def reference_voltage(self) -> float:
        self._check()
        return self._board.reference_voltage

    def _on_deinit(self) -> None:
        self._net.analog_out = None
