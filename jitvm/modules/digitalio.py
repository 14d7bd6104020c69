"""Guest module `digitalio` (CircuitPython): DigitalInOut and the Direction/Pull/DriveMode enums."""

from __future__ import annotations

from typing import Any

from hal import api as _api
from jitvm.modules import _hw
from jitvm.modules._pinline import PinLine

__all__ = ["DigitalInOut", "Direction", "DriveMode", "Pull"]


class _EnumValue:
    """A CircuitPython enum member: prints as ``digitalio.Direction.OUTPUT``."""

    __slots__ = ("_hal", "_qualname")

    def __init__(self, *args: Any) -> None:
        raise TypeError(f"cannot create '{type(self).__name__}' instances")

    @classmethod
    def _member(cls, name: str, hal_value: Any) -> _EnumValue:
        obj = object.__new__(cls)
        obj._qualname = f"digitalio.{cls.__name__}.{name}"
        obj._hal = hal_value
        setattr(cls, name, obj)
        return obj

    def __repr__(self) -> str:
        return self._qualname

    __str__ = __repr__


class Direction(_EnumValue):
    """Defines the direction of a digital pin."""

    INPUT: Direction
    OUTPUT: Direction


class Pull(_EnumValue):
    """Defines the pull of a digital input pin."""

    UP: Pull
    DOWN: Pull


class DriveMode(_EnumValue):
    """Defines the drive mode of a digital pin."""

    PUSH_PULL: DriveMode
    OPEN_DRAIN: DriveMode


Direction._member("INPUT", _api.Direction.INPUT)
Direction._member("OUTPUT", _api.Direction.OUTPUT)
Pull._member("UP", _api.Pull.UP)
Pull._member("DOWN", _api.Pull.DOWN)
DriveMode._member("PUSH_PULL", _api.DriveMode.PUSH_PULL)
DriveMode._member("OPEN_DRAIN", _api.DriveMode.OPEN_DRAIN)

_FROM_HAL_PULL = {_api.Pull.UP: Pull.UP, _api.Pull.DOWN: Pull.DOWN, None: None}


def validate_pull(pull: object, arg_name: str = "pull") -> _api.Pull | None:
    """CircuitPython's validate_pull: Pull.UP, Pull.DOWN or None."""
    if pull is None:
        return None
    if isinstance(pull, Pull):
        return pull._hal
    raise TypeError(f"{arg_name} must be of type Pull or None, not {_hw.type_name(pull)}")


def _drive_mode(mode: object) -> _api.DriveMode:
    # CircuitPython treats anything but OPEN_DRAIN as PUSH_PULL.
    return _api.DriveMode.OPEN_DRAIN if mode is DriveMode.OPEN_DRAIN else _api.DriveMode.PUSH_PULL


class DigitalInOut(PinLine):
    """Digital input and output on one pin; starts as an input with no pull (its life cycle:
    jitvm.modules._pinline)."""

    def _hal_line(self) -> _api.GpioLine:
        """The hal line (neopixel_write, keypad)."""
        return self._live()

    # switching ------------------------------------------------------------------------
    def switch_to_output(
        self, value: bool = False, drive_mode: DriveMode = DriveMode.PUSH_PULL
    ) -> None:
        """Set the drive mode and value and then switch to writing out digital values."""
        self._live().switch_to_output(bool(value), _drive_mode(drive_mode))

    def switch_to_input(self, pull: Pull | None = None) -> None:
        """Set the pull and then switch to read in digital values."""
        line = self._live()
        line.switch_to_input(validate_pull(pull))

    # properties -----------------------------------------------------------------------
    @property
    def direction(self) -> Direction:
        """The direction of the pin."""
        if self._live().direction is _api.Direction.INPUT:
            return Direction.INPUT
        return Direction.OUTPUT

    @direction.setter
    def direction(self, value: Direction) -> None:
        line = self._live()
        if value is Direction.INPUT:
            line.switch_to_input(None)
        elif value is Direction.OUTPUT:
            line.switch_to_output(False, _api.DriveMode.PUSH_PULL)
        else:
            raise ValueError("Invalid direction")

    @property
    def value(self) -> bool:
        """The digital logic level of the pin."""
        return bool(self._live().value)

    @value.setter
    def value(self, value: object) -> None:
        line = self._live()
        if line.direction is _api.Direction.INPUT:
            raise AttributeError("Cannot set value when direction is input.")
        line.value = bool(value)

    @property
    def drive_mode(self) -> DriveMode:
        """The pin drive mode: PUSH_PULL or OPEN_DRAIN (outputs only)."""
        line = self._live()
        if line.direction is _api.Direction.INPUT:
            raise AttributeError("Drive mode not used when direction is input.")
        if line.drive_mode is _api.DriveMode.OPEN_DRAIN:
            return DriveMode.OPEN_DRAIN
        return DriveMode.PUSH_PULL

    @drive_mode.setter
    def drive_mode(self, mode: DriveMode) -> None:
        line = self._live()
        if line.direction is _api.Direction.INPUT:
            raise AttributeError("Drive mode not used when direction is input.")
        line.drive_mode = _drive_mode(mode)

    @property
    def pull(self) -> Pull | None:
        """The pin pull: Pull.UP, Pull.DOWN or None (inputs only)."""
        line = self._live()
        if line.direction is _api.Direction.OUTPUT:
            raise AttributeError("Pull not used when direction is output.")
        return _FROM_HAL_PULL[line.pull]

    @pull.setter
    def pull(self, pull: Pull | None) -> None:
        line = self._live()
        if line.direction is _api.Direction.OUTPUT:
            raise AttributeError("Pull not used when direction is output.")
        line.pull = validate_pull(pull)
