"""Simulated GPIO lines, and the life cycle every simulated peripheral shares."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hal.api import (
    Direction,
    DriveMode,
    Edge,
    EdgeCallback,
    GpioLine,
    HalError,
    Pin,
    Pull,
)
from hal.peripheral import ClaimingPeripheral
from hal.sim.net import Net

if TYPE_CHECKING:
    from hal.sim.board import SimBoard


class SimPeripheral(ClaimingPeripheral):
    """Claims pins at creation, releases them at ``deinit()`` (hal.peripheral)."""

class SimGpioLine(SimPeripheral, GpioLine):
    """A GPIO line on a simulated Net; reading costs ``board.io_cost_ns`` of virtual time."""

    def __init__(self, board: SimBoard, pin: Pin) -> None:
        super().__init__(board, [pin])
        self.pin = pin
        self._net: Net = board.net(pin)
        self._net.set_mcu(output=False, pull=None, drive=DriveMode.PUSH_PULL)
        self._edge: Edge | None = None
        self._callback: EdgeCallback | None = None

    # direction / pull / drive -----------------------------------------------------
    @property
    def direction(self) -> Direction:
        self._check()
        return Direction.OUTPUT if self._net.mcu_output else Direction.INPUT

    @direction.setter
    def direction(self, value: Direction) -> None:
        self._check()
        if value is Direction.OUTPUT:
            self._net.set_mcu(output=True, pull=None)
        else:
            self._net.set_mcu(output=False)

    @property
    def pull(self) -> Pull | None:
        self._check()
        return None if self._net.mcu_output else self._net.mcu_pull

    @pull.setter
    def pull(self, value: Pull | None) -> None:
        self._check()
        if value is not None and not isinstance(value, Pull):
            raise TypeError("pull must be Pull.UP, Pull.DOWN or None")
        self._net.set_mcu(pull=value)

    @property
    def drive_mode(self) -> DriveMode:
        self._check()
        return self._net.mcu_drive

    @drive_mode.setter
    def drive_mode(self, value: DriveMode) -> None:
        self._check()
        self._net.set_mcu(drive=value)

    # value -------------------------------------------------------------------------
    @property
    def value(self) -> bool:
        self._check()
        self._board.clock.advance_ns(self._board.io_cost_ns)
        return bool(self._net.read())

    @value.setter
    def value(self, level: bool) -> None:
        self._check()
        if not self._net.mcu_output:
            raise HalError(f"{self.pin.name} is an input")
        self._net.set_mcu(level=1 if level else 0)

    def _preset(self, value: bool) -> None:
        self._check()
        self._net.mcu_level = 1 if value else 0

    # edges -------------------------------------------------------------------------
    def on_edge(self, edge: Edge | None, callback: EdgeCallback | None = None) -> None:
        self._check()
        if self._on_level in self._net.listeners:
            self._net.listeners.remove(self._on_level)
        self._edge, self._callback = (edge, callback) if edge and callback else (None, None)
        if self._callback is not None:
            self._net.listeners.append(self._on_level)

    def _on_level(self, net: Net, level: int, t_ns: int) -> None:
        edge = self._edge
        if self._callback is None or edge is None:
            return
        if edge is Edge.BOTH or (edge is Edge.RISING) == (level == 1):
            self._callback(self, t_ns)

    def _on_deinit(self) -> None:
        self.on_edge(None)
        # A released pin goes back to a floating input, as after reset_pin_number().
        self._net.set_mcu(output=False, pull=None, drive=DriveMode.PUSH_PULL)
