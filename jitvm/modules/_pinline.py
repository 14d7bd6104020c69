"""What a firmware object that owns one GPIO line shares (digitalio.DigitalInOut,
onewireio.OneWire): the line claimed from the board, deinit() releasing it, the context
manager, and CircuitPython's error for a deinitialised object."""

from __future__ import annotations

from typing import Any, Self

from hal import api as _api
from jitvm.modules import _hw


class PinLine:
    def __init__(self, pin: Any) -> None:
        pin = _hw.require_pin(pin)
        self._line: _api.GpioLine | None = _hw.get_board().gpio(pin)

    def deinit(self) -> None:
        """Release the pin for other use."""
        if self._line is not None:
            self._line.deinit()
            self._line = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.deinit()

    def _live(self) -> _api.GpioLine:
        line = self._line
        if line is None or line.deinited:
            raise _api.DeinitializedError()
        return line
