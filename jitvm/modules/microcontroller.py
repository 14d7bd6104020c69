"""Guest module `microcontroller` (CircuitPython): cpu info, the MCU pin namespace, nvm, reset()."""

from __future__ import annotations

import zlib as _zlib
from typing import Any

from hal.api import Board
from hal.api import Pin as _HalPin
from jitvm.modules import _hw

__all__ = [
    "Pin",
    "Processor",
    "RunMode",
    "cpu",
    "cpus",
    "delay_us",
    "disable_interrupts",
    "enable_interrupts",
    "nvm",
    "on_next_reset",
    "pin",
    "reset",
]

NVM_SIZE = 4096


class Processor:
    """The microcontroller's CPU: frequency, temperature, voltage, uid."""

    def __init__(self, *args: Any) -> None:
        raise TypeError("cannot create 'Processor' instances")

    @property
    def frequency(self) -> int:
        """The CPU operating frequency in Hertz."""
        return _hw.cpu_frequency()

    @property
    def temperature(self) -> float:
        """The on-chip temperature, in Celsius (a sim board reads 25.0)."""
        board = _hw.get_board()
        return float(getattr(board, "cpu_temperature", 25.0))

    @property
    def voltage(self) -> float:
        """The input voltage to the microcontroller, in volts."""
        return 3.3

    @property
    def uid(self) -> bytearray:
        """The unique id (aka serial number) of the chip as a bytearray."""
        return bytearray(board_uid(_hw.get_board()))

    @property
    def reset_reason(self) -> Any:
        return ResetReason.POWER_ON


def board_uid(board: Board) -> bytes:
    """A stable 8-byte id derived from the board id (real hardware would report its own)."""
    uid = getattr(board, "uid", None)
    if isinstance(uid, (bytes, bytearray)):
        return bytes(uid)
    seed = board.board_id.encode()
    return _zlib.crc32(seed).to_bytes(4, "big") + _zlib.crc32(seed[::-1]).to_bytes(4, "big")


class _Enum:
    __slots__ = ("_text",)

    def __init__(self, text: str) -> None:
        self._text = text

    def __repr__(self) -> str:
        return self._text

    __str__ = __repr__


class RunMode:
    """Run state of the microcontroller."""

    NORMAL = _Enum("microcontroller.RunMode.NORMAL")
    SAFE_MODE = _Enum("microcontroller.RunMode.SAFE_MODE")
    UF2 = _Enum("microcontroller.RunMode.UF2")
    BOOTLOADER = _Enum("microcontroller.RunMode.BOOTLOADER")


class ResetReason:
    POWER_ON = _Enum("microcontroller.ResetReason.POWER_ON")


class _PinNamespace:
    """``microcontroller.pin``: the MCU's pin names (GPIOn) -> Pin."""

    def __init__(self, pins: dict[str, _HalPin]) -> None:
        self.__dict__.update(pins)

    def __repr__(self) -> str:
        return "<module 'microcontroller.pin'>"


class _ByteArray:
    """``microcontroller.nvm``: a fixed-size byte store that keeps its contents across runs of the
    same board object (on the sim, until the board is closed)."""

    def __init__(self, data: bytearray) -> None:
        self._data = data

    def __len__(self) -> int:
        return len(self._data)

    def __getitem__(self, index: Any) -> Any:
        return self._data[index]

    def __setitem__(self, index: Any, value: Any) -> None:
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self._data))
            if step != 1:
                raise NotImplementedError("only slices with step=1 (aka None) are supported")
            if len(value) != stop - start:
                raise ValueError("Slice and value different lengths.")
            self._data[start:stop] = value
        else:
            if not -len(self._data) <= index < len(self._data):
                raise IndexError("bytearray index out of range")
            self._data[index] = value


_NVM_STORE: dict[int, bytearray] = {}

cpu: Any = object.__new__(Processor)
cpus: tuple = (cpu,)
pin: Any = _PinNamespace({})
nvm: Any = _ByteArray(bytearray(b"\xff" * NVM_SIZE))


def _mcu_name(p: _HalPin) -> str:
    return f"GPIO{p.number}" if p.number is not None else p.name


def _populate(board: Board) -> None:
    global pin, nvm
    names = {}
    for p in dict.fromkeys(board.pins.values()):
        names[_mcu_name(p)] = p
    pin = _PinNamespace(names)
    store = _NVM_STORE.setdefault(id(board), bytearray(b"\xff" * NVM_SIZE))
    nvm = _ByteArray(store)


def delay_us(delay: int) -> None:
    """Dedicated delay method used for very short delays."""
    _hw.sleep_ns(int(delay) * 1000)


def disable_interrupts() -> None:
    """Disable all interrupts (soft IRQs wait until enable_interrupts)."""


def enable_interrupts() -> None:
    """Enable the interrupts that were enabled at the last disable."""
    _hw.service()


def on_next_reset(run_mode: Any) -> None:
    """Configure the run mode used the next time the microcontroller is reset."""
    if not isinstance(run_mode, _Enum):
        raise TypeError(f"run_mode must be of type RunMode, not {_hw.type_name(run_mode)}")


def reset() -> None:
    """Reset the microcontroller: ends the run."""
    raise _hw.ResetRequested("hard")


Pin = _HalPin  # the hal's pin type is the guest's microcontroller.Pin

_hw.on_board_change(_populate)
_populate(_hw.get_board())
