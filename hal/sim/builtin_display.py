"""Attach a board layout's built-in display (its ``[display]`` table) to a sim board as the
device named ``"display"``, wired to the pins CircuitPython's board.c uses."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hal.api import HalError
from hal.sim.spec import Spec, SpecError

if TYPE_CHECKING:
    from hal.layout import Layout
    from hal.sim.board import SimBoard

DEVICE_NAME = "display"


def panel_table(display: dict[str, Any]) -> dict[str, Any]:
    """The ``[display]`` table as a scenario device table for the panel model."""
    bus, disp = display["bus"], display["display"]
    table: dict[str, Any] = {
        "type": display["type"],
        "name": DEVICE_NAME,
        "cs": bus["chip_select"],
        "dc": bus["command"],
        "width": disp["width"],
        "height": disp["height"],
        "colstart": disp.get("colstart", 0),
        "rowstart": disp.get("rowstart", 0),
        "mount_madctl": display.get("mount_madctl", 0),
        "glass_inverted": display.get("glass_inverted", False),
        "backlight_on_high": disp.get("backlight_on_high", True),
    }
    if bus["kind"] == "parallel":
        table.update(bus="parallel", data0=bus["data0"])
    else:
        table["sck"] = bus["clock"]
    for key, value in (("rst", bus.get("reset")), ("backlight", disp.get("backlight_pin")),
                       ("power", display.get("power"))):  # fmt: skip
        if value is not None:
            table[key] = value
    return table


def attach_builtin_display(board: SimBoard, layout: Layout) -> None:
    from hal.sim.devices import DEVICE_TYPES

    display = layout.display
    assert display is not None
    kind = display["type"]
    if kind not in DEVICE_TYPES or not hasattr(DEVICE_TYPES[kind], "glass"):
        raise HalError(f"{layout.path}: [display] type {kind!r} is not a simulated panel")
    if display["display"].get("rotation", 0) not in (0, 90, 180, 270):
        raise HalError(f"{layout.path}: display.rotation must be 0, 90, 180 or 270")
    try:
        spec = Spec(board, panel_table(display))
        panel = DEVICE_TYPES[kind].from_spec(board, DEVICE_NAME, spec)
    except (KeyError, SpecError, ValueError) as exc:
        raise HalError(f"{layout.path}: [display]: {exc}") from None
    board.add_device(DEVICE_NAME, panel)
    power = display.get("power")
    if power is not None:  # the board firmware keeps the panel's power switch on
        board.net(board.pins[power]).set_mcu(output=True, level=1)
