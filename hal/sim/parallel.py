"""A simulated 8080-style 8-bit parallel display bus (as CircuitPython's paralleldisplaybus
drives a PyPortal's ILI9341): eight data lines from ``data0`` up, a write strobe, a
command/data line (low = command), chip select (active low) and optional read and reset lines.

``send(is_command, data)`` selects the panel, sets the command line, clocks the bytes out
(one write cycle a byte at ``frequency``) and releases chip select, as
``ParallelBus.send`` does.  Panels attached with ``board.attach_parallel(data0, link)`` get the
bytes while their chip select is low.  The sim claims the named pins (``data0`` stands for the
eight data lines).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hal.api import Pin
from hal.sim.gpio import SimPeripheral

if TYPE_CHECKING:
    from hal.sim.board import SimBoard


class SimParallelBus(SimPeripheral):
    def __init__(self, board: SimBoard, data0: Pin, command: Pin, chip_select: Pin, write: Pin,
                 read: Pin | None = None, reset: Pin | None = None,
                 frequency: int = 30_000_000) -> None:  # fmt: skip
        if frequency <= 0:
            raise ValueError("frequency must be positive")
        pins = [p for p in (data0, command, chip_select, write, read, reset) if p is not None]
        super().__init__(board, pins)
        self.data0, self.frequency = data0, int(frequency)
        self.signal = f"parallel.{data0.name}"
        self._cs, self._dc = board.net(chip_select), board.net(command)
        self._rst = None if reset is None else board.net(reset)
        for net in (self._cs, self._dc, board.net(write)) + ((self._rst,) if self._rst else ()):
            net.set_mcu(output=True, level=1)
        if read is not None:
            board.net(read).set_mcu(output=True, level=1)

    def reset(self) -> bool:
        """Pulse the reset line low (10 µs); False if there is none."""
        self._check()
        if self._rst is None:
            return False
        self._rst.set_mcu(level=0)
        self._board.clock.advance_ns(10_000)
        self._rst.set_mcu(level=1)
        return True

    def send(self, is_command: bool, data, *, toggle_cs: bool = True) -> None:
        self._check()
        out = bytes(memoryview(data).cast("B"))
        if toggle_cs:
            self._cs.set_mcu(level=0)
        self._dc.set_mcu(level=0 if is_command else 1)
        self._board.clock.advance_ns(len(out) * 1_000_000_000 // self.frequency)
        for target in self._board.parallel_targets.get(self.data0, []):
            if target.selected():
                target.parallel_transfer(out)
        kind = "C" if is_command else "D"
        shown = out[:16].hex(" ") + (f" ... ({len(out)} bytes)" if len(out) > 16 else "")
        self._board.trace.record("parallel", self.signal, f"{kind} {shown}", {"bytes": len(out)})
        if toggle_cs:
            self._cs.set_mcu(level=1)
