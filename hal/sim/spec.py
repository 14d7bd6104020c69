"""Checked access to one device table of a scenario file (types, pins, unknown keys)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hal.api import Pin, Pull
from hal.sim import waveform

if TYPE_CHECKING:
    from hal.sim.board import SimBoard


class SpecError(ValueError):
    """A problem in one device table; the scenario loader adds the file and device."""


_MISSING = object()


class Spec:
    """Wraps a device's TOML table; every accessor marks its key as used, ``finish()`` rejects the rest."""

    def __init__(self, board: SimBoard, table: dict[str, Any]) -> None:
        self.board = board
        self.table = table
        self.used: set[str] = {"type", "name"}

    def has(self, key: str) -> bool:
        return key in self.table

    def raw(self, key: str, default: Any = _MISSING) -> Any:
        self.used.add(key)
        if key in self.table:
            return self.table[key]
        if default is _MISSING:
            raise SpecError(f"missing key {key!r}")
        return default

    def number(
        self, key: str, default: Any = _MISSING, *, lo: float | None = None, hi: float | None = None
    ) -> float:
        v = self.raw(key, default)
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            raise SpecError(f"{key!r} must be a number, not {v!r}")
        if (lo is not None and v < lo) or (hi is not None and v > hi):
            raise SpecError(f"{key!r} = {v} is out of range [{lo}, {hi}]")
        return v

    def integer(
        self, key: str, default: Any = _MISSING, *, lo: int | None = None, hi: int | None = None
    ) -> int:
        v = self.number(key, default, lo=lo, hi=hi)
        if not isinstance(v, int):
            raise SpecError(f"{key!r} must be an integer, not {v!r}")
        return v

    def string(
        self, key: str, default: Any = _MISSING, *, choices: tuple[str, ...] | None = None
    ) -> str:
        v = self.raw(key, default)
        if not isinstance(v, str):
            raise SpecError(f"{key!r} must be a string, not {v!r}")
        if choices is not None and v not in choices:
            raise SpecError(f"{key!r} must be one of {', '.join(map(repr, choices))}, not {v!r}")
        return v

    def boolean(self, key: str, default: Any = _MISSING) -> bool:
        v = self.raw(key, default)
        if not isinstance(v, bool):
            raise SpecError(f"{key!r} must be true or false, not {v!r}")
        return v

    def pin(self, key: str, default: Any = _MISSING) -> Pin:
        name = self.string(key, default)
        pin = self.board.pins.get(name)
        if pin is None:
            raise SpecError(f"{key!r}: the board {self.board.board_id} has no pin named {name!r}")
        return pin

    def pull(self, key: str, default: str = "none") -> Pull | None:
        v = self.string(key, default, choices=("up", "down", "none"))
        return {"up": Pull.UP, "down": Pull.DOWN, "none": None}[v]

    def waveform(self, key: str, default: Any = _MISSING) -> waveform.Waveform:
        v = self.raw(key, default)
        try:
            return waveform.from_spec(v, key)
        except ValueError as exc:
            raise SpecError(str(exc)) from None

    def i2c_pins(self) -> tuple[Pin, Pin]:
        """``scl``/``sda`` keys, or the board's default I2C pins."""
        if self.has("scl") or self.has("sda"):
            return self.pin("scl"), self.pin("sda")
        if self.board.default_i2c_pins is None:
            raise SpecError("the board has no default I2C pins: give scl and sda")
        return self.board.default_i2c_pins

    def spi_sck(self) -> Pin:
        if self.has("sck"):
            return self.pin("sck")
        if self.board.default_spi_pins is None:
            raise SpecError("the board has no default SPI pins: give sck")
        return self.board.default_spi_pins[0]

    def finish(self) -> None:
        extra = sorted(set(self.table) - self.used)
        if extra:
            raise SpecError(f"unknown key {extra[0]!r}")
