"""Colour TFT controllers with the MIPI DCS command set on 4-wire SPI: ST7789, ILI9341, GC9A01.

Modelled from the controllers' datasheets (Sitronix ST7789V, Ilitek ILI9341, Galaxycore
GC9A01): SWRESET 0x01, SLPIN/SLPOUT 0x10/0x11, INVOFF/INVON 0x20/0x21, DISPOFF/DISPON
0x28/0x29, CASET 0x2A and RASET 0x2B (start and end, 16 bits each, inclusive), RAMWR 0x2C
(address counter back to the window's start) and RAMWRC 0x3C (continue), MADCTL 0x36
(MY row order, MX column order, MV row/column exchange, BGR; ML/MH only change the refresh
order), COLMOD 0x3A (12, 16 or 18 bits a pixel on the MCU interface).  Any other command and
its parameters are accepted and change nothing visible (gamma, power, porch, vendor unlocks).

Frame memory (``ram``) is ``(ram_height, ram_width, 3)`` uint8 in physical column/row order,
each channel expanded to 8 bits: 5-bit red/blue as ``(v << 3) | (v >> 2)``, 6-bit green and
18-bit mode's 6-bit channels as ``(v << 2) | (v >> 4)``, 12-bit mode's 4-bit channels as
``v * 17``.  A pixel written at logical address (x, y) lands at physical (column, row) =
(y, x) if MV else (x, y), then MX mirrors the column and MY the row (the mapping Adafruit's
and CircuitPython's rotation values assume).

The glass: ``width`` x ``height`` pixels, upright when the controller is addressed with
``mount_madctl`` (the MADCTL value a board's driver uses for an upright picture, including its
RGB/BGR bit) and offset by ``colstart``/``rowstart`` in those logical coordinates, as the
driver sends them.  The picture is black while the controller sleeps or the display is off;
INVON inverts it (``glass_inverted``: an IPS glass that shows true colours under INVON, as
the drivers of such panels send it); a BGR bit different from the glass's swaps red and blue.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from hal.sim.devices.panel import Panel, attach_link, wire_light_from_spec
from hal.sim.spec import SpecError

SWRESET, SLPIN, SLPOUT, INVOFF, INVON, DISPOFF, DISPON = 0x01, 0x10, 0x11, 0x20, 0x21, 0x28, 0x29
CASET, RASET, RAMWR, RAMWRC, MADCTL, COLMOD = 0x2A, 0x2B, 0x2C, 0x3C, 0x36, 0x3A
MY, MX, MV, BGR = 0x80, 0x40, 0x20, 0x08
#: COLMOD's MCU-interface bits -> (bytes, pixels) of one group on the wire
FORMATS = {0x3: (3, 2), 0x5: (2, 1), 0x6: (3, 1)}


def to_physical(x, y, madctl: int, ram_w: int, ram_h: int):
    """Logical addresses (arrays or ints) -> physical (column, row) under ``madctl``."""
    col, row = (y, x) if madctl & MV else (x, y)
    if madctl & MX:
        col = ram_w - 1 - col
    if madctl & MY:
        row = ram_h - 1 - row
    return col, row


def decode_pixels(data, fmt: int) -> np.ndarray:
    """Whole pixel groups from the wire (bytes) -> ``(n, 3)`` uint8 RGB, channels expanded."""
    if fmt == 0x5:
        v = np.frombuffer(data, ">u2").astype(np.uint16)
        rgb = np.empty((len(v), 3), np.uint16)
        r, g, b = v >> 11, (v >> 5) & 0x3F, v & 0x1F
        rgb[:, 0], rgb[:, 1], rgb[:, 2] = (r << 3) | (r >> 2), (g << 2) | (g >> 4), (b << 3) | (b >> 2)
        return rgb.astype(np.uint8)
    g = np.frombuffer(data, np.uint8).reshape(-1, 3)
    if fmt == 0x6:
        six = g >> 2
        return (six << 2) | (six >> 4)
    # 12 bits: R1G1 B1R2 G2B2
    nib = np.empty((len(g), 6), np.uint8)
    nib[:, 0::2], nib[:, 1::2] = g >> 4, g & 15
    return (nib * 17).reshape(-1, 3)


class MipiPanel(Panel):
    """A MIPI DCS TFT controller with ``RAM`` = (columns, rows) of frame memory."""

    RAM = (240, 320)
    I2C_ADDRESSES: tuple[int, ...] | None = None

    def __init__(self, board, name: str, *, width: int | None = None, height: int | None = None,
                 colstart: int = 0, rowstart: int = 0, mount_madctl: int = 0,
                 glass_inverted: bool = False, **kw) -> None:  # fmt: skip
        ram_w, ram_h = self.RAM
        mount_madctl &= 0xFC
        lw, lh = (ram_h, ram_w) if mount_madctl & MV else (ram_w, ram_h)
        width = lw if width is None else width
        height = lh if height is None else height
        if not (0 < width and 0 < height and 0 <= colstart and 0 <= rowstart
                and colstart + width <= lw and rowstart + height <= lh):  # fmt: skip
            raise ValueError(
                f"a {width}x{height} glass at column {colstart}, row {rowstart} does not fit "
                f"the controller's {lw}x{lh} frame memory (as mount_madctl addresses it)"
            )
        super().__init__(board, name, width, height, **kw)
        self.ram_w, self.ram_h = ram_w, ram_h
        self.mount_madctl = mount_madctl
        self.glass_inverted = glass_inverted
        self.colstart, self.rowstart = colstart, rowstart
        self.ram = np.zeros((ram_h, ram_w, 3), np.uint8)
        sy, sx = np.mgrid[0:height, 0:width]
        self._view_col, self._view_row = to_physical(sx + colstart, sy + rowstart, mount_madctl,
                                                     ram_w, ram_h)  # fmt: skip
        # physical (row, column) -> picture x, y (-1: not on the glass), for refresh windows
        self._inv_x = np.full((ram_h, ram_w), -1, np.int32)
        self._inv_y = np.full((ram_h, ram_w), -1, np.int32)
        self._inv_x[self._view_row, self._view_col] = sx
        self._inv_y[self._view_row, self._view_col] = sy
        self.commands_seen = 0
        self.pixels_written = 0
        self.link = None
        self.hardware_reset()

    @classmethod
    def from_spec(cls, board, name: str, spec) -> MipiPanel:
        kw: dict[str, Any] = {
            "glass_inverted": spec.boolean("glass_inverted", False),
            "frame_gap_ms": spec.number("frame_gap_ms", 2.0, lo=0),
        }
        if spec.has("driver_rotation") or spec.has("driver_madctl"):
            kw.update(cls._driver_geometry(spec))
        else:
            kw["colstart"] = spec.integer("colstart", 0, lo=0)
            kw["rowstart"] = spec.integer("rowstart", 0, lo=0)
            kw["mount_madctl"] = spec.integer("mount_madctl", 0, lo=0, hi=255)
            for key in ("width", "height"):
                if spec.has(key):
                    kw[key] = spec.integer(key, lo=1)
        if spec.has("png"):
            kw["png"] = spec.string("png")
        try:
            panel = cls(board, name, **kw)
        except ValueError as exc:
            raise SpecError(str(exc)) from None
        attach_link(panel, spec, i2c_addresses=cls.I2C_ADDRESSES)
        wire_light_from_spec(panel, spec)
        return panel

    @classmethod
    def _driver_geometry(cls, spec) -> dict[str, int]:
        """``driver_rotation``/``driver_madctl``: width, height, colstart and rowstart are a
        CircuitPython driver's constructor arguments (hal.sim.devices.mipi_geometry)."""
        from hal.sim.devices.mipi_geometry import glass_for_driver

        try:
            return glass_for_driver(
                cls.RAM, spec.integer("width", lo=1), spec.integer("height", lo=1),
                spec.integer("colstart", 0, lo=0), spec.integer("rowstart", 0, lo=0),
                spec.integer("driver_rotation", 0), spec.integer("driver_madctl", 0, lo=0, hi=255),
            )  # fmt: skip
        except ValueError as exc:
            raise SpecError(str(exc)) from None

    # -- controller state -----------------------------------------------------------------
    def hardware_reset(self) -> None:
        """Power-on / RST / SWRESET values: asleep, display off, 18-bit pixels, full window."""
        was_visible = getattr(self, "sleeping", True) is False and self.display_on
        self.sleeping, self.display_on, self.inverted = True, False, False
        self.madctl, self.colmod = 0x00, 0x66
        self.xs, self.xe, self.ys, self.ye = 0, self.ram_w - 1, 0, self.ram_h - 1
        self.pos = 0  # the address counter as an index into the window
        self.cmd: int | None = None
        self.params = bytearray()
        self._carry = b""
        if was_visible:
            self.changed()

    def bus_bytes(self, is_data: bool, data: bytes) -> None:
        if is_data:
            if self.cmd in (RAMWR, RAMWRC):
                self._pixels(data)
            elif self.cmd is not None:
                self.params += data
                self._parameters()
            return
        for byte in data:
            self._command(byte)

    def _command(self, cmd: int) -> None:
        self.commands_seen += 1
        self.cmd, self.params, self._carry = cmd, bytearray(), b""
        visible = self._visible_state()
        if cmd == SWRESET:
            self.hardware_reset()
        elif cmd in (SLPIN, SLPOUT):
            self.sleeping = cmd == SLPIN
        elif cmd in (INVOFF, INVON):
            self.inverted = cmd == INVON
        elif cmd in (DISPOFF, DISPON):
            self.display_on = cmd == DISPON
        elif cmd == RAMWR:
            self.pos = 0
        if self._visible_state() != visible:
            self.changed()

    def _visible_state(self) -> tuple:
        return (not self.sleeping and self.display_on, self.inverted, self.madctl & BGR)

    def _parameters(self) -> None:
        p, cmd = self.params, self.cmd
        if cmd in (CASET, RASET) and len(p) == 4:
            start, end = p[0] << 8 | p[1], p[2] << 8 | p[3]
            if cmd == CASET:
                self.xs, self.xe = start, end
            else:
                self.ys, self.ye = start, end
        elif cmd == MADCTL and len(p) == 1:
            visible = self._visible_state()
            self.madctl = p[0]
            if self._visible_state() != visible:
                self.changed()
        elif cmd == COLMOD and len(p) == 1:
            self.colmod = p[0]

    # -- frame memory writes ----------------------------------------------------------------
    def _pixels(self, data: bytes) -> None:
        fmt = self.colmod & 0x07
        group_bytes, group_pixels = FORMATS.get(fmt, (2, 1))
        data = self._carry + data
        whole = len(data) - len(data) % group_bytes
        self._carry = data[whole:]
        if not whole:
            return
        rgb = decode_pixels(data[:whole], fmt if fmt in FORMATS else 0x5)
        self._store(rgb)

    def _store(self, rgb: np.ndarray) -> None:
        ww, wh = self.xe - self.xs + 1, self.ye - self.ys + 1
        n = len(rgb)
        self.pixels_written += n
        if ww <= 0 or wh <= 0:
            return  # an empty window (start past end) takes no pixels
        area = ww * wh
        first = self.pos
        self.pos = (first + n) % area
        if n > area:  # the counter wrapped: only the last `area` pixels stay
            first, rgb = (first + n - area) % area, rgb[n - area:]
        if first % ww == 0 and len(rgb) % ww == 0 and first + len(rgb) <= area \
                and self._store_rows(first // ww, rgb.reshape(-1, ww, 3)):  # fmt: skip
            return
        idx = (first + np.arange(len(rgb))) % area
        lx, ly = self.xs + idx % ww, self.ys + idx // ww
        col, row = to_physical(lx, ly, self.madctl, self.ram_w, self.ram_h)
        inside = (col >= 0) & (col < self.ram_w) & (row >= 0) & (row < self.ram_h)
        if not inside.all():
            col, row, rgb = col[inside], row[inside], rgb[inside]
        self.ram[row, col] = rgb
        self._touched(self._inv_x[row, col], self._inv_y[row, col])

    def _store_rows(self, row0: int, block: np.ndarray) -> bool:
        """Fast path: whole window rows ``block`` (k, ww, 3) from window row ``row0`` as one
        slice assignment.  False if the rows leave the frame memory (the general path clips)."""
        m, k = self.madctl, len(block)
        x0, x1, y0 = self.xs, self.xe, self.ys + row0
        lw, lh = (self.ram_h, self.ram_w) if m & MV else (self.ram_w, self.ram_h)
        if x1 >= lw or y0 + k > lh:
            return False
        if m & MV:  # logical x runs down the physical rows, y across the columns
            block = block.transpose(1, 0, 2)
            rows, cols = (x0, x1 + 1), (y0, y0 + k)
        else:
            rows, cols = (y0, y0 + k), (x0, x1 + 1)
        if m & MX:
            cols, block = (self.ram_w - cols[1], self.ram_w - cols[0]), block[:, ::-1]
        if m & MY:
            rows, block = (self.ram_h - rows[1], self.ram_h - rows[0]), block[::-1]
        self.ram[rows[0] : rows[1], cols[0] : cols[1]] = block
        region = (slice(*rows), slice(*cols))
        self._touched(self._inv_x[region], self._inv_y[region])
        return True

    def _touched(self, px: np.ndarray, py: np.ndarray) -> None:
        """Pixels at picture coordinates px, py (-1: off the glass) were written."""
        shown = px >= 0
        if shown.any():
            px, py = px[shown], py[shown]
            self.changed((int(px.min()), int(py.min()), int(px.max()), int(py.max())))

    # -- the picture --------------------------------------------------------------------------
    def glass(self) -> np.ndarray:
        if self.sleeping or not self.display_on:
            return np.zeros((self.height, self.width, 3), np.uint8)
        rgb = self.ram[self._view_row, self._view_col]
        if (self.madctl ^ self.mount_madctl) & BGR:
            rgb = rgb[:, :, ::-1]
        if self.inverted != self.glass_inverted:
            rgb = 255 - rgb
        return rgb

    def state(self) -> dict[str, Any]:
        return {
            **super().state(),
            "display_on": self.display_on,
            "sleeping": self.sleeping,
            "inverted": self.inverted,
            "madctl": self.madctl,
            "colmod": self.colmod,
            "commands": self.commands_seen,
            "pixels_written": self.pixels_written,
        }


class ST7789(MipiPanel):
    """Sitronix ST7789: 240x320 frame memory (240x240 and 135x240 glasses use part of it)."""

    TYPE = "st7789"
    RAM = (240, 320)


class ILI9341(MipiPanel):
    """Ilitek ILI9341: 240x320 frame memory."""

    TYPE = "ili9341"
    RAM = (240, 320)


class GC9A01(MipiPanel):
    """Galaxycore GC9A01: 240x240 frame memory behind a round glass (corners are not lit on the
    real panel; the picture here is the full square)."""

    TYPE = "gc9a01"
    RAM = (240, 240)
