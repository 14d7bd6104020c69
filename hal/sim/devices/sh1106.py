"""Sino Wealth SH1106 monochrome OLED controller (132x64 RAM) on I2C or 4-wire SPI.

Modelled from the SH1106 datasheet: page addressing only (0xB0-0xB7 page, 0x00-0x0F and
0x10-0x1F column low/high nibble), display start line 0x40-0x7F, contrast 0x81 n, segment
remap 0xA0/0xA1, entire display on 0xA4/0xA5, normal/reverse 0xA6/0xA7, multiplex 0xA8 n,
DC-DC 0xAD n, display off/on 0xAE/0xAF, COM scan 0xC0/0xC8, display offset 0xD3 n, clock
0xD5 n, pre-charge 0xD9 n, COM pins 0xDA n, VCOM 0xDB n, pump voltage 0x30-0x33,
read-modify-write 0xE0 / end 0xEE (the column returns to where 0xE0 found it), NOP 0xE3.
A data byte sets 8 rows (bit 0 on top of the page) of the current page at the current column;
the column then advances (it stays at 131 at the end of the row, it does not wrap).

The glass is ``width`` (128) columns wide, wired to segments ``col_offset`` (2) to
``col_offset + width - 1``, and ``height`` rows; as for the SSD1306 model, segment remap on
(0xA1) with COM scan reversed (0xC8) shows the RAM upright: picture pixel (x, y) is bit
y % 8 of page y // 8 at column x + col_offset.  I2C: control byte as the SSD1306's (0x00
commands, 0x40 data, Co bit); SPI: D/C pin.  Not modelled: contrast (stored), multiplex
ratios below the glass height.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from hal.sim.devices.panel import Panel, attach_link, wire_light_from_spec
from hal.sim.spec import SpecError

RAM_COLUMNS, PAGES = 132, 8
#: commands followed by one argument byte
TWO_BYTE = {0x81, 0xA8, 0xAD, 0xD3, 0xD5, 0xD9, 0xDA, 0xDB}


class SH1106(Panel):
    TYPE = "sh1106"

    def __init__(self, board, name: str, *, width: int = 128, height: int = 64,
                 col_offset: int = 2, **kw) -> None:  # fmt: skip
        if not (0 < width and 0 <= col_offset and col_offset + width <= RAM_COLUMNS):
            raise ValueError(f"a {width}-column glass at segment {col_offset} does not fit 132")
        if height not in (16, 32, 48, 64):
            raise ValueError("height must be 16, 32, 48 or 64")
        super().__init__(board, name, width, height, **kw)
        self.col_offset = col_offset
        self.ram = np.zeros((PAGES, RAM_COLUMNS), np.uint8)
        self.link = None
        self.commands_seen = 0
        self.data_bytes = 0
        self.hardware_reset()

    @classmethod
    def from_spec(cls, board, name: str, spec) -> SH1106:
        kw: dict[str, Any] = {
            "width": spec.integer("width", 128, lo=1),
            "height": spec.integer("height", 64),
            "col_offset": spec.integer("col_offset", 2, lo=0),
            "frame_gap_ms": spec.number("frame_gap_ms", 2.0, lo=0),
        }
        if spec.has("png"):
            kw["png"] = spec.string("png")
        try:
            panel = cls(board, name, **kw)
        except ValueError as exc:
            raise SpecError(str(exc)) from None
        attach_link(panel, spec, i2c_addresses=(0x3C, 0x3D))
        wire_light_from_spec(panel, spec)
        return panel

    def hardware_reset(self) -> None:
        visible = getattr(self, "display_on", False)
        self.display_on, self.inverse, self.entire_on = False, False, False
        self.contrast, self.start_line, self.display_offset = 0x80, 0, 0
        self.seg_remap, self.com_reverse = False, False
        self.page, self.col = 0, 0
        self._rmw_col: int | None = None
        self._arg_cmd: int | None = None  # a two-byte command waiting for its argument
        if visible:
            self.changed()

    def status_byte(self) -> int:
        return 0x40 if not self.display_on else 0x00  # bit 6: display off

    def bus_bytes(self, is_data: bool, data: bytes) -> None:
        if is_data:
            self._data(data)
            return
        for byte in data:
            self._command(byte)

    def _command(self, byte: int) -> None:
        if self._arg_cmd is not None:
            cmd, self._arg_cmd = self._arg_cmd, None
            self._argument(cmd, byte)
            return
        self.commands_seen += 1
        if byte in TWO_BYTE:
            self._arg_cmd = byte
            return
        before = self._look()
        if byte <= 0x0F:
            self.col = (self.col & 0xF0) | byte
        elif byte <= 0x1F:
            self.col = ((byte & 0x0F) << 4) | (self.col & 0x0F)
        elif 0x40 <= byte <= 0x7F:
            self.start_line = byte & 0x3F
        elif 0xB0 <= byte <= 0xB7:
            self.page = byte & 0x07
        elif byte in (0xA0, 0xA1):
            self.seg_remap = byte == 0xA1
        elif byte in (0xA4, 0xA5):
            self.entire_on = byte == 0xA5
        elif byte in (0xA6, 0xA7):
            self.inverse = byte == 0xA7
        elif byte in (0xAE, 0xAF):
            self.display_on = byte == 0xAF
        elif byte in (0xC0, 0xC8):
            self.com_reverse = byte == 0xC8
        elif byte == 0xE0:
            self._rmw_col = self.col
        elif byte == 0xEE and self._rmw_col is not None:
            self.col, self._rmw_col = self._rmw_col, None
        # 0x30-0x33 pump voltage, 0xE3 NOP and unknown bytes change nothing visible
        if self._look() != before:
            self.changed()

    def _argument(self, cmd: int, value: int) -> None:
        if cmd == 0x81:
            self.contrast = value
        elif cmd == 0xD3:
            self.display_offset = value & 0x3F
            self.changed()

    def _look(self) -> tuple:
        return (self.display_on, self.inverse, self.entire_on, self.start_line,
                self.seg_remap, self.com_reverse)  # fmt: skip

    def _data(self, data: bytes) -> None:
        self.data_bytes += len(data)
        col = self.col
        n = min(len(data), RAM_COLUMNS - col)
        if n <= 0:
            return
        self.ram[self.page, col : col + n] = np.frombuffer(data, np.uint8, n)
        if len(data) > n:  # the counter stays at the last column: the last byte wins
            self.ram[self.page, RAM_COLUMNS - 1] = data[-1]
        self.col = min(col + len(data), RAM_COLUMNS - 1)
        self.changed()

    def lit(self) -> np.ndarray:
        """``(height, width)`` booleans: which dots are lit."""
        if not self.display_on:
            return np.zeros((self.height, self.width), bool)
        if self.entire_on:
            return np.ones((self.height, self.width), bool)
        bits = np.unpackbits(self.ram, axis=0, bitorder="little").astype(bool)  # (64, 132)
        y = np.arange(self.height)
        logical = y if self.com_reverse else self.height - 1 - y
        ram_rows = (logical + self.start_line + self.display_offset) % 64
        x = np.arange(self.width)
        cols = x + self.col_offset if self.seg_remap else RAM_COLUMNS - 1 - self.col_offset - x
        return bits[ram_rows][:, cols] != self.inverse

    def glass(self) -> np.ndarray:
        return np.repeat(self.lit()[:, :, None], 3, axis=2).astype(np.uint8) * 255

    def state(self) -> dict[str, Any]:
        return {
            **super().state(),
            "display_on": self.display_on,
            "lit_pixels": int(self.lit().sum()),
            "commands": self.commands_seen,
            "data_bytes": self.data_bytes,
        }
