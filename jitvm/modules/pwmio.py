"""Guest module `pwmio` (CircuitPython): PWMOut with duty_cycle, frequency, variable_frequency."""

from __future__ import annotations

from typing import Any, Self

from hal import api as _api
from jitvm.modules import _hw

__all__ = ["PWMOut"]


class PWMOut:
    """Output a pulse-width modulated signal on a pin."""

    def __init__(
        self,
        pin: Any,
        *,
        duty_cycle: int = 0,
        frequency: int = 500,
        variable_frequency: bool = False,
    ) -> None:
        pin = _hw.require_pin(pin)
        _hw.int_range(duty_cycle, 0, 0xFFFF, "duty_cycle")
        if not isinstance(frequency, int) or frequency <= 0:
            raise ValueError("Invalid PWM frequency")
        if not pin.supports("pwm"):
            raise ValueError("Invalid pin")
        self._variable = bool(variable_frequency)
        self._dev: Any = _hw.get_board().pwm(
            pin, frequency, duty_cycle, variable_frequency=self._variable
        )

    def deinit(self) -> None:
        """Deinitialises the PWMOut and releases any hardware resources for reuse."""
        if self._dev is not None:
            self._dev.deinit()
            self._dev = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.deinit()

    def _live(self) -> Any:
        if self._dev is None or self._dev.deinited:
            raise _api.DeinitializedError()
        return self._dev

    @property
    def duty_cycle(self) -> int:
        """16-bit value that dictates how much of one cycle is high (1) versus low (0)."""
        return int(self._live().duty_cycle)

    @duty_cycle.setter
    def duty_cycle(self, value: int) -> None:
        dev = self._live()
        dev.duty_cycle = _hw.int_range(value, 0, 0xFFFF, "duty_cycle")

    @property
    def frequency(self) -> int:
        """32-bit value that dictates the PWM frequency in Hertz (cycles per second)."""
        return int(self._live().frequency)

    @frequency.setter
    def frequency(self, value: int) -> None:
        dev = self._live()
        if not self._variable:
            raise AttributeError("PWM frequency not writable when variable_frequency is False.")
        if not isinstance(value, int) or value <= 0:
            raise ValueError("Invalid PWM frequency")
        dev.frequency = value
