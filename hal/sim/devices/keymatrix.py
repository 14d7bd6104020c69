"""A key matrix: keys at row/column crossings, each in series with a diode.

With ``columns_to_anodes`` (the usual wiring, CircuitPython's default) a key's diode has its
anode on the column and its cathode on the row; false reverses them. A pressed key's diode
conducts when the controller drives the cathode side low (the anode side is pulled low) or the
anode side high (the cathode side is pulled high). Only the controller's own drive counts, so a
scan reads exactly the pressed keys of the driven line (no ghosting), whichever side scans.
Scenario keys: ``rows``, ``columns`` (lists of pin names), ``columns_to_anodes`` (default true),
``presses = [{key, at, duration}]`` with ``key`` = row * len(columns) + column.
"""

from __future__ import annotations

from typing import Any

from hal.api import Pin
from hal.sim.devices.base import Device
from hal.sim.spec import Spec, SpecError


class KeyMatrix(Device):
    TYPE = "keymatrix"

    def __init__(self, board, name: str, rows: list[Pin], columns: list[Pin],
                 columns_to_anodes: bool = True) -> None:
        super().__init__(board, name)
        self.rows = [board.net(p) for p in rows]
        self.columns = [board.net(p) for p in columns]
        self.columns_to_anodes = columns_to_anodes
        self.pressed: set[int] = set()
        self.presses = 0
        for net in self.rows + self.columns:
            net.listeners.append(self._on_level)

    @classmethod
    def from_spec(cls, board, name: str, spec: Spec) -> KeyMatrix:
        rows, columns = (cls._pins(spec, key) for key in ("rows", "columns"))
        dev = cls(board, name, rows, columns, spec.boolean("columns_to_anodes", True))
        timeline = spec.raw("presses", [])
        if not isinstance(timeline, list):
            raise SpecError("'presses' must be a list of {key = n, at = seconds, duration = seconds}")
        n_keys = len(rows) * len(columns)
        for i, press in enumerate(timeline):
            if not (isinstance(press, dict) and set(press) <= {"key", "at", "duration"}
                    and {"key", "at"} <= set(press)):
                raise SpecError(f"presses[{i}] must be {{key = n, at = seconds, duration = seconds}}")
            key, at, duration = press["key"], press["at"], press.get("duration", 0.1)
            if isinstance(key, bool) or not isinstance(key, int) or not 0 <= key < n_keys:
                raise SpecError(f"presses[{i}]: key must be 0-{n_keys - 1}")
            if any(isinstance(v, bool) or not isinstance(v, (int, float)) or v < 0
                   for v in (at, duration)):
                raise SpecError(f"presses[{i}]: at and duration must be numbers >= 0")
            dev.schedule_press(key, round(at * 1e9), round(duration * 1e9))
        return dev

    @staticmethod
    def _pins(spec: Spec, key: str) -> list[Pin]:
        names = spec.raw(key)
        if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
            raise SpecError(f"{key!r} must be a list of pin names")
        pins = []
        for name in names:
            pin = spec.board.pins.get(name)
            if pin is None:
                raise SpecError(f"{key!r}: the board {spec.board.board_id} has no pin named {name!r}")
            pins.append(pin)
        return pins

    def schedule_press(self, key: int, at_ns: int, duration_ns: int) -> None:
        clock = self.board.clock
        clock.call_at(at_ns, lambda: self.press(key))
        clock.call_at(at_ns + duration_ns, lambda: self.release(key))

    def press(self, key: int) -> None:
        self.pressed.add(key)
        self.presses += 1
        self._update()

    def release(self, key: int) -> None:
        self.pressed.discard(key)
        self._update()

    def _on_level(self, net, level: int, t_ns: int) -> None:
        self._update()

    def _update(self) -> None:
        drives: dict[Any, int] = {}
        n_cols = len(self.columns)
        for key in self.pressed:
            row, column = self.rows[key // n_cols], self.columns[key % n_cols]
            anode, cathode = (column, row) if self.columns_to_anodes else (row, column)
            if cathode.mcu_output and not cathode.mcu_level:
                drives[anode] = 0
            elif anode.mcu_output and anode.mcu_level and drives.get(cathode) != 0:
                drives[cathode] = 1
        for net in self.rows + self.columns:
            if net.external.get(self) != drives.get(net):
                net.drive(self, drives.get(net))

    def state(self) -> dict[str, Any]:
        return {"pressed": sorted(self.pressed), "presses": self.presses}
