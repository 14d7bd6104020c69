"""Solomon SSD1306 OLED controller (128x64 or 128x32) on I2C: command stream, GDDRAM, PNG output.

Modelled from the SSD1306 datasheet (rev 1.1): the control byte (Co, D/C#), the fundamental,
addressing, hardware-configuration and scrolling command sets with their argument counts,
page/horizontal/vertical addressing modes with column and page windows, display on/off,
inverse, entire-display-on, start line, segment remap and COM scan direction.

Orientation: the panel is taken to be mounted the usual way for breakout boards, where the
drivers' setting (segment remap on, COM scan reversed) shows GDDRAM upright: pixel (x, y) of
the picture is bit y%8 of byte [page y//8][column x].  Flipping either setting mirrors the
picture.  Not modelled: COM pin interleaving (the driver's 0xDA value is assumed to suit
the panel), scrolling motion (commands are accepted), contrast (stored only).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from hal.sim.devices.base import I2CTarget
from hal.sim.devices.panel import Panel
from hal.sim.spec import Spec, SpecError

# command byte -> number of argument bytes that follow
ARGS = {
    0x81: 1, 0x20: 1, 0x21: 2, 0x22: 2, 0xA8: 1, 0xD3: 1, 0xDA: 1, 0xD5: 1, 0xD9: 1, 0xDB: 1,
    0x8D: 1, 0xAD: 1, 0x26: 6, 0x27: 6, 0x29: 5, 0x2A: 5, 0xA3: 2,
}  # fmt: skip
COLUMNS, PAGES = 128, 8


class SSD1306(I2CTarget, Panel):
    """A 128-column OLED panel of ``height`` 64 or 32 rows at 0x3C/0x3D."""

    TYPE = "ssd1306"

    def __init__(self, board, name: str, scl, sda, address: int = 0x3C, width: int = 128, height: int = 64,
                 png: str | None = None, external_vcc: bool = False) -> None:  # fmt: skip
        if width != 128 or height not in (32, 64):
            raise ValueError("panel must be 128x64 or 128x32")
        super().__init__(board, name, width, height)
        self.address, self.width, self.height = address, width, height
        self.png_path = png
        self.external_vcc = external_vcc
        self.gddram = [bytearray(COLUMNS) for _ in range(PAGES)]
        self._reset()
        self.commands_seen = 0
        self.data_bytes = 0
        board.attach_i2c(scl, sda, address, self)

    @classmethod
    def from_spec(cls, board, name: str, spec: Spec) -> SSD1306:
        scl, sda = spec.i2c_pins()
        address = spec.integer("address", 0x3C, lo=0x3C, hi=0x3D)
        width = spec.integer("width", 128)
        height = spec.integer("height", 64)
        png = spec.string("png", None) if spec.has("png") else None
        try:
            return cls(
                board,
                name,
                scl,
                sda,
                address,
                width,
                height,
                png,
                spec.boolean("external_vcc", False),
            )
        except ValueError as exc:
            raise SpecError(str(exc)) from None

    def _reset(self) -> None:
        # datasheet reset values
        self.display_on = False
        self.inverse = False
        self.entire_on = False
        self.contrast = 0x7F
        self.addressing = 2  # page addressing
        self.col_start, self.col_end = 0, 127
        self.page_start, self.page_end = 0, 7
        self.col, self.page = 0, 0
        self.start_line = 0
        self.display_offset = 0
        self.seg_remap = False
        self.com_reverse = False
        self.mux = 63
        self.charge_pump = False
        self.scrolling = False
        self._pending: list[int] = []  # a command waiting for its arguments

    # -- I2C: control bytes ----------------------------------------------------------------
    def i2c_start(self, read: bool) -> bool:
        self._expect_control = True
        self._stream_data: bool | None = None
        return True

    def i2c_read(self) -> int:
        return 0x40 if not self.display_on else 0x00  # status: bit 6 = display off

    def i2c_write(self, byte: int) -> bool:
        self.about_to_change()  # a refresh that ended a while ago goes out first
        if self._expect_control:
            co, dc = byte & 0x80, byte & 0x40
            self._expect_control = False
            if co:
                self._single = True  # one byte, then another control byte
            else:
                self._single = False
            self._is_data = bool(dc)
            return True
        if self._is_data:
            self._data(byte)
        else:
            self._command_byte(byte)
        if self._single:
            self._expect_control = True
        return True

    # -- commands --------------------------------------------------------------------------
    def _command_byte(self, byte: int) -> None:
        if self._pending:
            self._pending.append(byte)
            if len(self._pending) == ARGS[self._pending[0]] + 1:
                cmd, *args = self._pending
                self._pending = []
                self._execute(cmd, args)
            return
        if byte in ARGS:
            self._pending = [byte]
            return
        self._execute(byte, [])

    def _execute(self, cmd: int, args: list[int]) -> None:
        self.commands_seen += 1
        before = self._look()
        self._apply(cmd, args)
        if self._look() != before:
            self.changed()

    def _look(self) -> tuple:
        return (self.display_on, self.inverse, self.entire_on, self.start_line, self.seg_remap,
                self.com_reverse, self.display_offset, self.charge_pump)  # fmt: skip

    def _apply(self, cmd: int, args: list[int]) -> None:
        if cmd == 0x81:
            self.contrast = args[0]
        elif cmd == 0x20:
            self.addressing = args[0] & 0x03 if args[0] & 0x03 != 3 else self.addressing
        elif cmd == 0x21:
            self.col_start, self.col_end = args[0] & 0x7F, args[1] & 0x7F
            self.col = self.col_start
        elif cmd == 0x22:
            self.page_start, self.page_end = args[0] & 0x07, args[1] & 0x07
            self.page = self.page_start
        elif cmd == 0xA8:
            self.mux = max(args[0] & 0x3F, 15)
        elif cmd == 0xD3:
            self.display_offset = args[0] & 0x3F
        elif cmd == 0x8D:
            self.charge_pump = bool(args[0] & 0x04)
        elif cmd in (0x2E, 0x2F):
            self.scrolling = cmd == 0x2F
        elif 0xB0 <= cmd <= 0xB7:
            self.page = cmd & 0x07
        elif cmd <= 0x0F:
            self.col = (self.col & 0xF0) | cmd
        elif 0x10 <= cmd <= 0x17:
            self.col = ((cmd & 0x07) << 4) | (self.col & 0x0F)
        elif 0x40 <= cmd <= 0x7F:
            self.start_line = cmd & 0x3F
        elif cmd in (0xA0, 0xA1):
            self.seg_remap = cmd == 0xA1
        elif cmd in (0xA4, 0xA5):
            self.entire_on = cmd == 0xA5
        elif cmd in (0xA6, 0xA7):
            self.inverse = cmd == 0xA7
        elif cmd in (0xAE, 0xAF):
            self.display_on = cmd == 0xAF
        elif cmd in (0xC0, 0xC8):
            self.com_reverse = cmd == 0xC8
        # others (timing, VCOMH, precharge, COM pins, NOP, scroll setup) change no pixels

    def _data(self, byte: int) -> None:
        self.data_bytes += 1
        self.gddram[self.page][self.col] = byte
        self.changed()
        if self.addressing == 2:  # page mode: column wraps, page stays
            self.col = self.col + 1 if self.col < 127 else 0
        elif self.addressing == 0:  # horizontal
            if self.col >= self.col_end:
                self.col = self.col_start
                self.page = self.page + 1 if self.page < self.page_end else self.page_start
            else:
                self.col += 1
        else:  # vertical
            if self.page >= self.page_end:
                self.page = self.page_start
                self.col = self.col + 1 if self.col < self.col_end else self.col_start
            else:
                self.page += 1

    # -- the picture -------------------------------------------------------------------------
    def ram_pixel(self, x: int, row: int) -> bool:
        return bool(self.gddram[row // 8][x] >> (row % 8) & 1)

    def pixels(self) -> list[list[bool]]:
        """What the panel shows now: ``height`` rows of ``width`` booleans (True = lit)."""
        lit = self.display_on and (self.charge_pump or self.external_vcc)
        rows = []
        for y in range(self.height):
            logical = y if self.com_reverse else self.height - 1 - y
            ram_row = (logical + self.start_line + self.display_offset) % 64
            row = []
            for x in range(self.width):
                col = x if self.seg_remap else self.width - 1 - x
                on = self.entire_on or self.ram_pixel(col, ram_row)
                row.append(lit and (on != self.inverse))
            rows.append(row)
        return rows

    def glass(self) -> np.ndarray:
        """The picture as RGB (lit = white) for refresh frames."""
        lit = np.array(self.pixels(), bool)
        return np.repeat(lit[:, :, None], 3, axis=2).astype(np.uint8) * 255

    def to_image(self, scale: int = 1):
        """The panel as a Pillow image (mode "L": lit 255, dark 0), each pixel ``scale`` wide."""
        from PIL import Image

        img = Image.new("L", (self.width, self.height), 0)
        img.putdata([255 if p else 0 for row in self.pixels() for p in row])
        return (
            img.resize((self.width * scale, self.height * scale), Image.NEAREST)
            if scale != 1
            else img
        )

    def save_png(self, path: str, scale: int = 4) -> None:
        self.to_image(scale).save(path, format="PNG")

    def close(self) -> None:
        self.flush_frame()
        if self.png_path:
            self.save_png(self.png_path)

    def state(self) -> dict[str, Any]:
        return {
            "frames": self.frames_done,
            "display_on": self.display_on,
            "lit_pixels": sum(p for row in self.pixels() for p in row),
            "commands": self.commands_seen,
            "data_bytes": self.data_bytes,
        }
