"""Which glass geometry shows a CircuitPython display driver's picture upright.

A driver such as ``adafruit_st7789.ST7789(bus, width=240, height=135, colstart=53,
rowstart=40, rotation=270)`` leaves the controller's MADCTL as its init sequence set it and
rotates in software: displayio's canvas pixel (x, y) goes to the native address
(0: (x, y); 90: (nw-1-y, x); 180: (nw-1-x, nh-1-y); 270: (y, nh-1-x); native size nw x nh is
height x width when the rotation is 90 or 270; CircuitPython's display_core transform), plus
colstart/rowstart.  ``glass_for_driver`` finds the sim panel's ``mount_madctl``, ``width``,
``height``, ``colstart`` and ``rowstart`` under which the picture equals the canvas.
"""

from __future__ import annotations

import numpy as np

from hal.sim.devices.mipi import BGR, MV, MX, MY, to_physical


def _from_physical(col, row, madctl: int, ram_w: int, ram_h: int):
    if madctl & MY:
        row = ram_h - 1 - row
    if madctl & MX:
        col = ram_w - 1 - col
    return (row, col) if madctl & MV else (col, row)


def glass_for_driver(ram: tuple[int, int], width: int, height: int, colstart: int,
                     rowstart: int, rotation: int, madctl: int = 0) -> dict[str, int]:  # fmt: skip
    """Scenario geometry for a driver constructed with these arguments (ValueError if the
    driver's area does not fit the controller's memory)."""
    ram_w, ram_h = ram
    if rotation not in (0, 90, 180, 270):
        raise ValueError("driver_rotation must be 0, 90, 180 or 270")
    nw, nh = (height, width) if rotation in (90, 270) else (width, height)
    y, x = np.mgrid[0:height, 0:width]
    nx, ny = {0: (x, y), 90: (nw - 1 - y, x), 180: (nw - 1 - x, nh - 1 - y),
              270: (y, nh - 1 - x)}[rotation]  # fmt: skip
    col, row = to_physical(nx + colstart, ny + rowstart, madctl, ram_w, ram_h)
    if col.min() < 0 or row.min() < 0 or col.max() >= ram_w or row.max() >= ram_h:
        raise ValueError(f"the driver's {nw}x{nh} area at column {colstart}, row {rowstart} "
                         "does not fit the controller's memory")  # fmt: skip
    for mount in (0x00, MX, MY, MX | MY, MV, MV | MX, MV | MY, MV | MX | MY):
        lx, ly = _from_physical(col, row, mount, ram_w, ram_h)
        cs, rs = int(lx[0, 0]), int(ly[0, 0])
        if (lx == x + cs).all() and (ly == y + rs).all():
            return {"width": width, "height": height, "colstart": cs, "rowstart": rs,
                    "mount_madctl": mount | (madctl & BGR)}  # fmt: skip
    raise AssertionError("no MADCTL maps the canvas")  # every rotation/mirror has one
