"""Guest module `neopixel_write` (CircuitPython): send a byte buffer as WS2812 data on a pin."""

from __future__ import annotations

from typing import Any

from jitvm.modules import _hw

__all__ = ["neopixel_write"]


def neopixel_write(digitalinout: Any, buf: Any) -> None:
    """Write ``buf`` out on the given DigitalInOut (an output), as NeoPixels expect."""
    from jitvm.modules.digitalio import DigitalInOut

    if not isinstance(digitalinout, DigitalInOut):
        raise TypeError(
            f"digitalinout must be of type DigitalInOut, not {_hw.type_name(digitalinout)}"
        )
    line = digitalinout._hal_line()
    data = bytes(_hw.buffer(buf))
    _hw.get_board().neopixel_write(line.pin, data)
