"""Guest module `analogio` (CircuitPython): AnalogIn (16-bit readings) and AnalogOut."""

from __future__ import annotations

from typing import Any

from hal import api as _api
from jitvm.modules import _hw

__all__ = ["AnalogIn", "AnalogOut"]


class _Analog:
    _dev: Any = None

    def deinit(self) -> None:
        """Release the pin."""
        if self._dev is not None:
            self._dev.deinit()
            self._dev = None

    def __enter__(self) -> Any:
        return self

    def __exit__(self, *exc: object) -> None:
        self.deinit()

    def _live(self) -> Any:
        if self._dev is None or self._dev.deinited:
            raise _api.DeinitializedError()
        return self._dev

    @property
    def reference_voltage(self) -> float:
        """The maximum voltage measurable (AnalogIn) or output (AnalogOut)."""
        return float(self._live().reference_voltage)


class AnalogIn(_Analog):
    """Read analog voltage levels; ``value`` is 0..65535 whatever the converter width."""

    def __init__(self, pin: Any) -> None:
        pin = _hw.require_pin(pin)
        if not pin.supports("adc"):
            raise ValueError("Invalid pin")
        self._dev = _hw.get_board().adc(pin)

    @property
    def value(self) -> int:
        """The value on the analog pin, 0-65535."""
        return int(self._live().value)


class AnalogOut(_Analog):
    """Output analog values (a DAC); ``value`` is write-only, 0..65535."""

    def __init__(self, pin: Any) -> None:
        pin = _hw.require_pin(pin)
        if not pin.supports("dac"):
            raise ValueError("AnalogOut not supported on given pin")
        self._dev = _hw.get_board().dac(pin)

    def _set_value(self, value: int) -> None:
        dev = self._live()
        dev.value = _hw.int_range(value, 0, 65535, "value")

    value = property(None, _set_value, doc="The value on the analog pin, 0-65535 (write-only).")
