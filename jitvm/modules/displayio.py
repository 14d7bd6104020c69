"""Guest module `displayio` (CircuitPython 10): Group, TileGrid, Bitmap, Palette, ColorConverter,
Colorspace, OnDiskBitmap, release_displays and CIRCUITPYTHON_TERMINAL.

jitvm's CircuitPython flavour is 10.0.3, so the aliases CircuitPython 9 kept here for the moved
classes (displayio.Display, FourWire, I2CDisplay, EPaperDisplay) are gone, as in 10.
The displays and buses of a run live in the run's singletons and are released with it.
"""

from __future__ import annotations

from typing import Any

from jitvm.modules import _hw
from jitvm.modules._dio_bitmap import Bitmap, ColorConverter, Colorspace, OnDiskBitmap, Palette
from jitvm.modules._dio_group import Group, TileGrid

__all__ = ["Bitmap", "CIRCUITPYTHON_TERMINAL", "ColorConverter", "Colorspace", "Group",  # noqa: F822 - module __getattr__
           "OnDiskBitmap", "Palette", "TileGrid", "release_displays"]

#: CircuitPython allows this many display buses (CIRCUITPY_DISPLAY_LIMIT) on most boards.
DISPLAY_LIMIT = 1


def _registry() -> dict[str, list[Any]]:
    store = _hw.singletons()
    reg = store.get("displayio")
    if reg is None:
        reg = {"buses": [], "displays": []}
        store["displayio"] = reg
    return reg


def _claim_bus_slot() -> None:
    if len(_registry()["buses"]) >= DISPLAY_LIMIT:
        raise RuntimeError("Too many display busses; forgot displayio.release_displays() ?")


def _register_bus(bus: Any) -> None:
    _registry()["buses"].append(bus)


def _register_display(display: Any) -> None:
    reg = _registry()
    if len(reg["displays"]) >= DISPLAY_LIMIT:
        raise RuntimeError("Too many displays")
    reg["displays"].append(display)


def displays() -> list[Any]:
    """The run's displays (host-side: the board's DISPLAY, frame writers)."""
    return list(_registry()["displays"])


def release_displays() -> None:
    """Releases any actively used displays so their buses and pins can be used again."""
    reg = _registry()
    for display in reg["displays"]:
        display._release()
    for bus in reg["buses"]:
        bus.deinit()
    reg["displays"].clear()
    reg["buses"].clear()


def terminal_group() -> Group:
    """The run's CIRCUITPYTHON_TERMINAL group (made on first use)."""
    store = _hw.singletons()
    group = store.get("displayio.terminal")
    if group is None:
        group = Group()
        store["displayio.terminal"] = group
    return group


def __getattr__(name: str) -> Any:
    if name == "CIRCUITPYTHON_TERMINAL":
        return terminal_group()
    raise AttributeError(name)
