"""Guest module `onewireio` (CircuitPython): OneWire, the timing-critical bits of the 1-Wire bus.

As CircuitPython's shared-module/onewireio/OneWire.c: the pin is pulled low open-drain for a
slot and then let go (an external pull-up brings it back), with the firmware's delays on the
board clock (interrupts are off meanwhile: no timer or soft IRQ runs inside a slot). ``reset``
returns False when a device answers with a presence pulse, True when none does or when the bus
stays low (nothing pulls it up)."""

from __future__ import annotations

from typing import Any

from hal import api as _api
from jitvm.modules import _hw
from jitvm.modules._pinline import PinLine

__all__ = ["OneWire"]


class OneWire(PinLine):
    """A 1-Wire bus on one pin (its life cycle: jitvm.modules._pinline)."""

    @staticmethod
    def _delay_us(us: int) -> None:
        _hw.get_board().clock.sleep_ns(us * 1000)

    def _low_then_release(self, low_us: int) -> _api.GpioLine:
        line = self._live()
        line.switch_to_output(False, _api.DriveMode.OPEN_DRAIN)
        self._delay_us(low_us)
        line.switch_to_input(None)
        return line

    def reset(self) -> bool:
        """Reset the bus and read presence: False when at least one device is present."""
        line = self._low_then_release(480)
        self._delay_us(70)
        value = bool(line.value)
        self._delay_us(410)
        idle = bool(line.value)  # the bus went back high, not stuck low
        return value or not idle

    def read_bit(self) -> bool:
        """Read one bit."""
        line = self._low_then_release(6)
        self._delay_us(6)
        value = bool(line.value)
        self._delay_us(55)
        return value

    def write_bit(self, value: Any) -> None:
        """Write one bit: a short low pulse for 1, a long one for 0."""
        self._low_then_release(6 if value else 60)
        self._delay_us(64 if value else 10)
