"""The pin-claiming life cycle every backend's peripherals share."""

from __future__ import annotations

from typing import Any

from hal.api import DeinitializedError, Pin


class ClaimingPeripheral:
    """Claims pins at creation, releases them at ``deinit()``; later use raises DeinitializedError.

    ``board`` is any backend board with ``claim``, ``release``, ``_register``, ``_unregister``.
    """

    def __init__(self, board: Any, pins: list[Pin]) -> None:
        self._board = board
        self._pins: list[Pin] = []
        try:
            for p in pins:
                board.claim(p, self)
                self._pins.append(p)
        except ValueError:
            for p in self._pins:
                board.release(p)
            raise
        self._deinited = False
        board._register(self)

    @property
    def deinited(self) -> bool:
        return self._deinited

    def _check(self) -> None:
        if self._deinited:
            raise DeinitializedError()

    def deinit(self) -> None:
        if self._deinited:
            return
        try:
            self._on_deinit()
        finally:
            self._deinited = True
            for p in self._pins:
                self._board.release(p)
            self._board._unregister(self)

    def _on_deinit(self) -> None:
        """Put the hardware back (subclasses)."""
