"""Guest module `board` (CircuitPython): the current board's pin names, board_id and default buses.

The attributes depend on the board the VM runs on, so they are rebuilt (with ``__all__``) each time
a board becomes current; the VM builds the guest module from ``__all__`` at import.
"""

from __future__ import annotations

from typing import Any

from hal.api import Board
from jitvm.modules import _hw

_FIXED = ["board_id"]
__all__: list[str] = list(_FIXED)
board_id = ""


def I2C() -> Any:
    """The board's default I2C bus, created once per run and shared (busio.I2C)."""
    return _singleton("I2C", "i2c")


def SPI() -> Any:
    """The board's default SPI bus, created once per run and shared (busio.SPI)."""
    return _singleton("SPI", "spi")


def UART() -> Any:
    """The board's default UART, created once per run and shared (busio.UART)."""
    return _singleton("UART", "uart")


def _singleton(kind: str, default_key: str) -> Any:
    from jitvm.modules import busio

    store = _hw.singletons()
    obj = store.get(f"board.{kind}")
    if obj is not None and not obj._deinited():
        return obj
    board = _hw.get_board()
    pins = getattr(board, f"default_{default_key}_pins")
    if pins is None:
        # CircuitPython has no board.I2C() on such boards; the closest error is the same text.
        raise ValueError(f"No default {kind} bus")
    if kind == "I2C":
        obj = busio.I2C(pins[0], pins[1])
    elif kind == "SPI":
        obj = busio.SPI(pins[0], MOSI=pins[1], MISO=pins[2])
    else:
        obj = busio.UART(pins[0], pins[1])
    store[f"board.{kind}"] = obj
    return obj


def _populate(board: Board) -> None:
    """Rebuild the module's pin attributes for ``board``."""
    global board_id, __all__
    namespace = globals()
    for name in __all__:
        if name not in _FIXED and name not in ("I2C", "SPI", "UART"):
            namespace.pop(name, None)
    names = list(_FIXED)
    for name, pin in board.pins.items():
        namespace[name] = pin
        names.append(name)
    for kind, key in (("I2C", "i2c"), ("SPI", "spi"), ("UART", "uart")):
        if getattr(board, f"default_{key}_pins") is not None:
            names.append(kind)
    table = getattr(board, "builtin_display", None)  # the layout's [display] (sim boards)
    kind = table["bus"].get("kind") if table else None
    if kind == "fourwire" or (kind == "parallel" and hasattr(board, "parallel_bus")):
        names.append("DISPLAY")  # made at import, as CircuitPython's board.c does at boot
    board_id = board.board_id
    __all__ = names


def __getattr__(name: str) -> Any:
    if name == "DISPLAY" and "DISPLAY" in __all__:
        from jitvm.modules._dio_board import builtin_display

        return builtin_display(_hw.get_board())
    raise AttributeError(name)


_hw.on_board_change(_populate)
_populate(_hw.get_board())
