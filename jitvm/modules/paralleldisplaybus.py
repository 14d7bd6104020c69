"""Guest module `paralleldisplaybus` (CircuitPython): ParallelBus, an 8-bit 8080-style display
bus (PyPortal).  Only the sim backend has a parallel bus (hal.sim.parallel); each send selects the
panel, sets the command line and clocks the bytes out, as common-hal's ParallelBus does."""

from __future__ import annotations

from typing import Any

from jitvm.modules import _hw

__all__ = ["ParallelBus"]


class ParallelBus:
    """Manage updating a display over 8-bit parallel bus in the background."""

    def __init__(self, *, data0: Any = None, data_pins: Any = None, command: Any,
                 chip_select: Any, write: Any, read: Any = None, reset: Any = None,
                 frequency: int = 30000000) -> None:
        from jitvm.modules import displayio

        if (data0 is None) == (data_pins is None):
            raise ValueError("Specify exactly one of data0 or data_pins")
        if data_pins is not None:
            data_pins = list(data_pins)
            data0 = data_pins[0] if data_pins else None
        board = _hw.get_board()
        if not hasattr(board, "parallel_bus"):
            raise NotImplementedError("paralleldisplaybus is only simulated (--board sim)")
        displayio._claim_bus_slot()
        pins = [_hw.require_pin(p, name) for p, name in (
            (data0, "data0"), (command, "command"), (chip_select, "chip_select"),
            (write, "write"))]
        opt = [None if p is None else _hw.require_pin(p, n) for p, n in ((read, "read"),
                                                                        (reset, "reset"))]
        self._dev = board.parallel_bus(*pins, read=opt[0], reset=opt[1],
                                       frequency=int(frequency) or 30_000_000)
        self._has_reset = reset is not None
        self._locked = False
        if self._has_reset:
            self.reset()
        displayio._register_bus(self)

    def reset(self) -> None:
        """Performs a hardware reset via the reset pin."""
        if not self._has_reset:
            raise RuntimeError("No reset pin")
        self._dev.reset()

    def send(self, command: int, data: Any) -> None:
        """Sends the given command value followed by the full set of data."""
        command = _hw.int_range(command, 0, 255, "command")
        self._dev.send(True, bytes((command,)))
        self._dev.send(False, bytes(_hw.buffer(data)))

    # the display bus protocol ------------------------------------------------------------------
    def _free(self) -> bool:
        return not self._locked

    def _begin(self) -> bool:
        if self._locked:
            return False
        self._locked = True
        return True

    def _send(self, kind: int, cs: int, data: bytes) -> None:
        if data:
            self._dev.send(kind == 0, data)

    def _end(self) -> None:
        self._locked = False

    def deinit(self) -> None:
        if self._dev is not None:
            self._dev.deinit()
            self._dev = None
