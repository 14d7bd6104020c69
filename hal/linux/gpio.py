"""GPIO lines through the libgpiod v2 Python bindings: one line request per claimed line."""

from __future__ import annotations

import errno
from datetime import timedelta
from typing import TYPE_CHECKING, Any

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
from hal.linux.errors import import_backend_module, node_error
from hal.peripheral import ClaimingPeripheral

if TYPE_CHECKING:
    from hal.linux.board import LinuxBoard


class LinuxPeripheral(ClaimingPeripheral):
    """Claims pins at creation, releases them at ``deinit()`` (hal.peripheral)."""

class LinuxGpioLine(LinuxPeripheral, GpioLine):
    """A line requested with ``gpiod.request_lines``; settings change with ``reconfigure_lines``."""

    def __init__(self, board: LinuxBoard, pin: Pin) -> None:
        self._request = None
        self._gpiod = import_backend_module("gpiod")  # before claiming: a missing package claims nothing
        self._line = import_backend_module("gpiod.line")
        super().__init__(board, [pin])
        self.pin = pin
        self._chip, self._offset = pin.id
        self._direction = Direction.INPUT
        self._pull: Pull | None = None
        self._drive = DriveMode.PUSH_PULL
        self._out = 0
        self._edge: Edge | None = None
        self._callback: EdgeCallback | None = None
        self._request = None
        try:
            self._request = self._gpiod.request_lines(
                self._chip, consumer="jitvm", config={self._offset: self._settings()}
            )
        except OSError as exc:
            self.deinit()
            busy = getattr(exc, "errno", None) == errno.EBUSY
            raise node_error(
                f"{self._chip} line {self._offset}" if busy else self._chip, exc
            ) from None

    def _settings(self) -> Any:
        L = self._line
        edge = {
            None: L.Edge.NONE,
            Edge.RISING: L.Edge.RISING,
            Edge.FALLING: L.Edge.FALLING,
            Edge.BOTH: L.Edge.BOTH,
        }
        if self._direction is Direction.OUTPUT:
            return self._gpiod.LineSettings(
                direction=L.Direction.OUTPUT,
                drive=L.Drive.OPEN_DRAIN
                if self._drive is DriveMode.OPEN_DRAIN
                else L.Drive.PUSH_PULL,
                output_value=L.Value.ACTIVE if self._out else L.Value.INACTIVE,
                edge_detection=L.Edge.NONE,
            )
        bias = {None: L.Bias.DISABLED, Pull.UP: L.Bias.PULL_UP, Pull.DOWN: L.Bias.PULL_DOWN}[
            self._pull
        ]
        return self._gpiod.LineSettings(
            direction=L.Direction.INPUT,
            bias=bias,
            edge_detection=edge[self._edge if self._callback else None],
        )

    def _apply(self) -> None:
        self._check()
        try:
            self._request.reconfigure_lines(config={self._offset: self._settings()})
        except OSError as exc:
            raise node_error(f"{self._chip} line {self._offset}", exc) from None

    @property
    def direction(self) -> Direction:
        self._check()
        return self._direction

    @direction.setter
    def direction(self, value: Direction) -> None:
        self._check()
        self._direction = value
        self._apply()

    @property
    def pull(self) -> Pull | None:
        self._check()
        return None if self._direction is Direction.OUTPUT else self._pull

    @pull.setter
    def pull(self, value: Pull | None) -> None:
        self._check()
        self._pull = value
        if self._direction is Direction.INPUT:
            self._apply()

    @property
    def drive_mode(self) -> DriveMode:
        self._check()
        return self._drive

    @drive_mode.setter
    def drive_mode(self, value: DriveMode) -> None:
        self._check()
        self._drive = value
        if self._direction is Direction.OUTPUT:
            self._apply()

    @property
    def value(self) -> bool:
        self._check()
        self._board.poll()
        return self._request.get_value(self._offset) == self._line.Value.ACTIVE

    @value.setter
    def value(self, level: bool) -> None:
        self._check()
        if self._direction is not Direction.OUTPUT:
            raise HalError(f"{self.pin.name} is an input")
        self._out = 1 if level else 0
        self._request.set_value(
            self._offset, self._line.Value.ACTIVE if level else self._line.Value.INACTIVE
        )
        self._board.trace.record("pin", self.pin.name, self._out)

    def _preset(self, value: bool) -> None:
        self._check()
        self._out = 1 if value else 0

    def on_edge(self, edge: Edge | None, callback: EdgeCallback | None = None) -> None:
        self._check()
        self._edge, self._callback = (edge, callback) if edge and callback else (None, None)
        if self._direction is Direction.INPUT:
            self._apply()
        self._board._watch(self, self._callback is not None)

    def dispatch_events(self) -> int:
        """Read queued kernel edge events and run the callback for each; returns the count."""
        if self._deinited or self._callback is None:
            return 0
        n = 0
        while self._request.wait_edge_events(timedelta(0)):
            for ev in self._request.read_edge_events():
                rising = ev.event_type == ev.Type.RISING_EDGE
                self._board.trace.record("pin", self.pin.name, 1 if rising else 0)
                n += 1
                if self._callback is not None:
                    self._callback(self, ev.timestamp_ns)
        return n

    def _on_deinit(self) -> None:
        self._board._watch(self, False)
        if self._request is not None:
            self._request.release()
