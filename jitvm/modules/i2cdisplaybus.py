"""Guest module `i2cdisplaybus` (CircuitPython): I2CDisplayBus, a display bus over I2C.

Commands go out as (0x80, byte) pairs and data after a 0x40 control byte, as CircuitPython's
shared-module/i2cdisplaybus sends them.
"""

from __future__ import annotations

from typing import Any

from jitvm.modules import _hw

__all__ = ["I2CDisplayBus"]


class I2CDisplayBus:
    """Manage updating a display over I2C in the background."""

    def __init__(self, i2c_bus: Any, *, device_address: int, reset: Any = None) -> None:
        from jitvm.modules import busio, displayio

        if not isinstance(i2c_bus, busio.I2C):
            raise TypeError(f"i2c_bus must be of type I2C, not {_hw.type_name(i2c_bus)}")
        device_address = _hw.int_range(device_address, 0, 127, "device_address")
        displayio._claim_bus_slot()
        self._reset = None
        if reset is not None:
            self._reset = _hw.get_board().gpio(_hw.require_pin(reset, "reset"))
            self._reset.switch_to_output(True)
            self.reset()
        self._bus = i2c_bus
        self._address = device_address
        if not self._probe():
            self.deinit()
            raise ValueError(f"Unable to find I2C Display at {device_address:x}")
        displayio._register_bus(self)

    def _probe(self) -> bool:
        bus = self._bus
        if not bus.try_lock():
            return True  # CircuitPython probes without the lock; a busy bus is assumed present
        try:
            return bool(bus.probe(self._address))
        finally:
            bus.unlock()

    def reset(self) -> None:
        """Performs a hardware reset via the reset pin (4 us low)."""
        if self._reset is None:
            raise RuntimeError("no reset pin available")
        self._reset.value = False
        _hw.sleep_ns(4000)
        self._reset.value = True

    def send(self, command: int, data: Any) -> None:
        """Sends the given command value followed by the full set of data."""
        command = _hw.int_range(command, 0, 255, "command")
        buf = bytes(_hw.buffer(data))
        if not self._begin():
            raise RuntimeError("Internal error: bus in use")
        self._send(0, 0, bytes((command,)) + buf)
        self._end()

    # the display bus protocol ------------------------------------------------------------------
    def _free(self) -> bool:
        if not self._bus.try_lock():
            return False
        self._bus.unlock()
        return True

    def _begin(self) -> bool:
        return self._bus.try_lock()

    def _send(self, kind: int, cs: int, data: bytes) -> None:
        if kind == 0:
            out = bytearray()
            for byte in data:
                out += bytes((0x80, byte))
            self._bus.writeto(self._address, out)
        else:
            self._bus.writeto(self._address, b"\x40" + bytes(data))

    def _end(self) -> None:
        self._bus.unlock()

    def deinit(self) -> None:
        if self._reset is not None:
            self._reset.deinit()
            self._reset = None
