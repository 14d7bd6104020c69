"""Guest module `fourwire` (CircuitPython): FourWire, a display bus over SPI with DC/CS/reset pins.

As CircuitPython's shared-module/fourwire: DC low for command bytes and high for data, chip
select low for a transaction (toggled after every byte where the display asks for it), a
1 ms low reset pulse at construction, the SPI bus locked and configured per transaction.
"""

from __future__ import annotations

from typing import Any

from jitvm.modules import _hw

__all__ = ["FourWire"]

COMMAND, DATA = 0, 1
CS_UNTOUCHED, CS_TOGGLE_EVERY_BYTE = 0, 1


def _output_line(pin: Any, name: str) -> Any:
    if pin is None:
        return None
    line = _hw.get_board().gpio(_hw.require_pin(pin, name))
    line.switch_to_output(True)
    return line


class FourWire:
    """Manage updating a display over SPI four wire protocol in the background."""

    def __init__(self, spi_bus: Any, *, command: Any = None, chip_select: Any = None,
                 reset: Any = None, baudrate: int = 24000000, polarity: int = 0,
                 phase: int = 0) -> None:
        from jitvm.modules import busio

        if not isinstance(spi_bus, busio.SPI):
            raise TypeError(f"spi_bus must be of type SPI, not {_hw.type_name(spi_bus)}")
        if command is None:
            raise NotImplementedError("9-bit SPI (no command pin) is not supported by jitvm")
        from jitvm.modules import displayio

        displayio._claim_bus_slot()
        self._bus = spi_bus
        self._frequency = _hw.int_range(baudrate, 1, 0x7FFFFFFF, "baudrate")
        self._polarity = _hw.int_range(polarity, 0, 1, "polarity")
        self._phase = _hw.int_range(phase, 0, 1, "phase")
        self._lines: list[Any] = []
        try:
            self._command = _output_line(command, "command")
            self._lines.append(self._command)
            self._reset = _output_line(reset, "reset")
            if self._reset is not None:
                self._lines.append(self._reset)
                self.reset()
            self._cs = _output_line(chip_select, "chip_select")
            if self._cs is not None:
                self._lines.append(self._cs)
        except BaseException:
            self.deinit()
            raise
        displayio._register_bus(self)

    def reset(self) -> None:
        """Performs a hardware reset via the reset pin (1 ms low, then 1 ms high)."""
        if self._reset is None:
            raise RuntimeError("no reset pin available")
        self._reset.value = False
        _hw.sleep_ns(1_000_000)
        self._reset.value = True
        _hw.sleep_ns(1_000_000)

    def _reset_if_any(self) -> bool:
        """common_hal_fourwire_fourwire_reset: False when there is no reset pin."""
        if self._reset is None:
            return False
        self.reset()
        return True

    def send(self, command: int, data: Any, *, toggle_every_byte: bool = False) -> None:
        """Sends the given command value followed by the full set of data."""
        command = _hw.int_range(command, 0, 255, "command")
        buf = bytes(_hw.buffer(data))
        if not self._begin():
            raise RuntimeError("Internal error: bus in use")
        cs = CS_TOGGLE_EVERY_BYTE if toggle_every_byte else CS_UNTOUCHED
        self._send(COMMAND, cs, bytes((command,)))
        self._send(DATA, CS_UNTOUCHED, buf)
        self._end()

    # the display bus protocol (bus_core.c's function table) ---------------------------------
    def _free(self) -> bool:
        if not self._bus.try_lock():
            return False
        self._bus.unlock()
        return True

    def _begin(self) -> bool:
        if not self._bus.try_lock():
            return False
        self._bus.configure(baudrate=self._frequency, polarity=self._polarity,
                            phase=self._phase, bits=8)
        if self._cs is not None:
            self._cs.value = False
        return True

    def _send(self, kind: int, cs: int, data: bytes) -> None:
        if not data:
            return
        self._command.value = kind == DATA
        if cs == CS_TOGGLE_EVERY_BYTE and self._cs is not None:
            clock = _hw.get_board().clock
            for byte in data:
                self._bus.write(bytes((byte,)))
                self._cs.value = True
                clock.advance_ns(1000)  # common_hal_mcu_delay_us(1): a busy wait, no tasks
                self._cs.value = False
        else:
            self._bus.write(data)

    def _end(self) -> None:
        if self._cs is not None:
            self._cs.value = True
        self._bus.unlock()

    def deinit(self) -> None:
        for line in self._lines:
            if line is not None:
                line.deinit()
        self._lines = []

