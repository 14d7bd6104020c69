"""Guest module `busdisplay` (CircuitPython): BusDisplay drives a panel over a display bus.

Construction sends the init sequence (command, length byte whose 0x80 bit says a delay byte
follows, data, delay in ms with 255 meaning 500; 10 ms after commands without one) as
shared-module/busdisplay/BusDisplay.c does.  A refresh composes the root group, finds the
rectangle that changed since the last frame sent, and sends it as set-column, set-row and
write-RAM commands in sub-rectangles of at most CircuitPython's area buffer size.  With
auto_refresh the display refreshes itself on the board clock at native_frames_per_second
(virtual time: while the guest sleeps or polls the clock, as keypad scans).
"""

from __future__ import annotations

from typing import Any

from jitvm.modules import _hw, displayio
from jitvm.modules._dio_bitmap import CHANGES
from jitvm.modules._dio_group import Group
from jitvm.modules._dio_render import PixelFormat, compose, dirty_box, to_native

__all__ = ["BusDisplay"]

COMMAND, DATA = 0, 1
CS_UNTOUCHED, CS_TOGGLE = 0, 1
AREA_BUFFER_BYTES = 512  # CIRCUITPY_DISPLAY_AREA_BUFFER_SIZE's default


def parse_init_sequence(seq: bytes) -> list[tuple[int, bytes, int]]:
    """(command, data, delay ms) triples of a CircuitPython init sequence."""
    out = []
    i = 0
    while i < len(seq):
        if i + 1 >= len(seq):
            raise ValueError("init_sequence is truncated")
        cmd, size = seq[i], seq[i + 1]
        delay = bool(size & 0x80)
        size &= 0x7F
        data = bytes(seq[i + 2: i + 2 + size])
        if len(data) != size:
            raise ValueError("init_sequence is truncated")
        ms = 10
        if delay:
            if i + 2 + size >= len(seq):
                raise ValueError("init_sequence is truncated")
            ms = seq[i + 2 + size]
            ms = 500 if ms == 255 else ms
            size += 1
        out.append((cmd, data, ms))
        i += 2 + size
    return out


class _Core:
    """State shared by the refresh code: bus, geometry, pixel format, last frame sent."""

    def __init__(self, bus: Any, width: int, height: int, colstart: int, rowstart: int,
                 rotation: int, fmt: PixelFormat, commands: tuple[int, int, int],
                 single_byte_bounds: bool, data_as_commands: bool, sh1107: bool) -> None:
        self.bus = bus
        self.native_w, self.native_h = width, height  # the panel RAM as the driver sees it
        self.colstart, self.rowstart = colstart, rowstart
        self.rotation = rotation
        self.fmt = fmt
        self.column_command, self.row_command, self.write_ram_command = commands
        # a RAM narrower than 0x100 takes one byte per bound (single_byte_bounds: 0xff)
        self.ram_small_x = self.ram_small_y = single_byte_bounds
        self.data_as_commands = data_as_commands
        self.sh1107 = sh1107
        self.set_current: tuple[int | None, int | None] = (None, None)  # e-paper only
        self.little_endian = False
        self.always_toggle = False
        self.last: Any = None  # native frame (RGB888) last sent

    def _bounds(self, a: int, b: int, small: bool) -> bytes:
        if small:
            return bytes((a & 0xFF, b & 0xFF))
        if self.little_endian:
            return bytes((a & 0xFF, a >> 8 & 0xFF, b & 0xFF, b >> 8 & 0xFF))
        return bytes((a >> 8 & 0xFF, a & 0xFF, b >> 8 & 0xFF, b & 0xFF))

    def send_region(self, x1: int, y1: int, x2: int, y2: int) -> None:
        """displayio_display_bus_set_region_to_update for native [x1, x2) x [y1, y2)."""
        x1 += self.colstart
        x2 += self.colstart
        y1 += self.rowstart
        y2 += self.rowstart
        if self.fmt.depth < 8:
            ppb = 8 // self.fmt.depth * self.fmt.bytes_per_cell
            if self.fmt.share_row:
                x1, x2 = x1 // ppb, x2 // ppb
            else:
                y1, y2 = y1 // ppb, y2 // ppb
        x2 -= 1
        y2 -= 1
        cs = CS_TOGGLE if self.data_as_commands or self.always_toggle else CS_UNTOUCHED
        kind = COMMAND if self.data_as_commands else DATA
        for command, current, a, b, small, page in (
                (self.column_command, self.set_current[0], x1, x2, self.ram_small_x, False),
                (self.row_command, self.set_current[1], y1, y2, self.ram_small_y, True)):
            if not self.bus._begin():
                return
            lead = b""
            if not self.data_as_commands:
                self.bus._send(COMMAND, CS_UNTOUCHED, bytes((command,)))
            else:
                lead = bytes((command,))
            body = self._bounds(a, b, small)
            data = lead + body
            if self.sh1107:
                data = bytes((0xB0 | a,)) if page else bytes((((a >> 4) & 0x0F) | 0x10, a & 0x0F))
            self.bus._send(kind, cs, data)
            self.bus._end()
            if current is not None:  # the RAM address counter to the window's start
                if not self.bus._begin():
                    return
                self.bus._send(COMMAND, cs, bytes((current,)))
                self.bus._send(DATA, cs, body[: len(body) // 2])
                self.bus._end()

    def send_area(self, native: Any, box: tuple[int, int, int, int]) -> bool:
        """_refresh_area: the box in sub-rectangles that fit CircuitPython's area buffer."""
        x1, y1, x2, y2 = box
        fmt = self.fmt
        width = x2 - x1
        rows = y2 - y1
        pixels_per_word = 32 // fmt.depth
        buffer_words = AREA_BUFFER_BYTES // 4
        if self.sh1107:
            rows = 8
        elif width * (y2 - y1) > buffer_words * pixels_per_word:
            rows = max(1, buffer_words * pixels_per_word // width)
            if fmt.depth < 8 and not fmt.share_row:
                ppb = 8 // fmt.depth
                rows = max(ppb, rows - rows % ppb)
        values = fmt.convert(native[y1:y2, x1:x2])
        for top in range(0, y2 - y1, rows):
            sub = values[top: top + rows]
            self.send_region(x1, y1 + top, x2, y1 + top + sub.shape[0])
            if not self.bus._begin():
                return False
            if not self.data_as_commands:
                self.bus._send(COMMAND, CS_TOGGLE, bytes((self.write_ram_command,)))
            self.bus._send(DATA, CS_UNTOUCHED, fmt.pack(sub))
            self.bus._end()
        return True


class _DisplayBase:
    """What every display class shares (CircuitPython's display_core): its size as seen at the
    rotation, the rotation, the bus and the root group."""

    __slots__ = ()
    __guest_subclassable__ = True  # its displays are (adafruit_displayio_ssd1306 derives one)

    @property
    def width(self) -> int:
        """Gets the width of the display in pixels."""
        c = self._core
        return c.native_h if c.rotation in (90, 270) else c.native_w

    @property
    def height(self) -> int:
        """Gets the height of the display in pixels."""
        c = self._core
        return c.native_w if c.rotation in (90, 270) else c.native_h

    @property
    def rotation(self) -> int:
        """The rotation of the display as an int in degrees."""
        return self._core.rotation

    @rotation.setter
    def rotation(self, value: int) -> None:
        if not isinstance(value, int) or value % 90 != 0:
            raise ValueError("Display rotation must be in 90 degree increments")
        self._core.rotation = value % 360
        self._full = True

    @property
    def bus(self) -> Any:
        """The bus being used by the display."""
        return self._bus

    @property
    def root_group(self) -> Group | None:
        """The root group on the display; None shows nothing."""
        return self._root

    @root_group.setter
    def root_group(self, group: Group | None) -> None:
        if group is self._root:
            return
        if group is not None:
            if not isinstance(group, Group):
                raise TypeError(f"root_group must be of type Group, not {_hw.type_name(group)}")
            if group._dio_in_group:
                raise ValueError("Group already used")
            group._dio_in_group = True
        self._detach_root()
        self._root = group
        self._full = True

    def show(self, group: Any) -> None:
        raise AttributeError(".show(x) removed. Use .root_group = x")

    def _detach_root(self) -> None:
        if self._root is not None:
            self._root._dio_in_group = False
            self._root = None


class BusDisplay(_DisplayBase):
    """Manage updating a display over a display bus."""

    __guest_subclassable__ = True

    def __init__(self, display_bus: Any, init_sequence: Any, *, width: int, height: int,
                 colstart: int = 0, rowstart: int = 0, rotation: int = 0,
                 color_depth: int = 16, grayscale: bool = False,
                 pixels_in_byte_share_row: bool = True, bytes_per_cell: int = 1,
                 reverse_pixels_in_byte: bool = False, reverse_bytes_in_word: bool = True,
                 set_column_command: int = 0x2A, set_row_command: int = 0x2B,
                 write_ram_command: int = 0x2C, backlight_pin: Any = None,
                 brightness_command: int | None = None, brightness: float = 1.0,
                 single_byte_bounds: bool = False, data_as_commands: bool = False,
                 auto_refresh: bool = True, native_frames_per_second: int = 60,
                 backlight_on_high: bool = True, SH1107_addressing: bool = False,
                 backlight_pwm_frequency: int = 50000) -> None:
        if not hasattr(display_bus, "_begin"):
            raise ValueError("Unsupported display bus type")
        if rotation % 90 != 0:
            raise ValueError("Display rotation must be in 90 degree increments")
        if SH1107_addressing and color_depth != 1:
            raise ValueError("color_depth must be 1 when SH1107_addressing is True")
        seq = parse_init_sequence(bytes(_hw.buffer(init_sequence)))
        fmt = PixelFormat(color_depth, bool(grayscale), bool(pixels_in_byte_share_row),
                          bytes_per_cell, bool(reverse_pixels_in_byte),
                          bool(reverse_bytes_in_word))
        rotation %= 360
        if rotation in (90, 270):  # width and height are as seen at this rotation
            width, height = height, width
        self._core = _Core(display_bus, width, height, colstart, rowstart, rotation, fmt,
                           (set_column_command, set_row_command, write_ram_command),
                           bool(single_byte_bounds), bool(data_as_commands),
                           bool(SH1107_addressing) and color_depth == 1)
        self._bus = display_bus
        displayio._register_display(self)
        self._send_init(seq)
        self._backlight = None
        self._brightness_command = brightness_command
        self._backlight_on_high = bool(backlight_on_high)
        if backlight_pin is not None:
            self._backlight = _hw.get_board().gpio(_hw.require_pin(backlight_pin, "backlight_pin"))
            self._backlight.switch_to_output(False)
        self._brightness = 1.0
        self._set_brightness(float(brightness))
        self._root: Group | None = None
        self._full = True
        self._seen = -1
        self._last_refresh_ms = 0
        self._last_call_ms = 0
        self._frame_ms = 1000 // max(1, native_frames_per_second)
        self._task: Any = None
        self._auto = False
        terminal = displayio.terminal_group()
        if not terminal._dio_in_group:
            from jitvm.modules._dio_console import start_terminal

            start_terminal(self.width, self.height)
            self.root_group = terminal
        self._first_manual = not auto_refresh
        self.auto_refresh = bool(auto_refresh)
        _hw.at_run_end(self._final_refresh)

    def _final_refresh(self) -> None:
        if self._auto:
            self._refresh_now()

    def _send_init(self, seq: list[tuple[int, bytes, int]]) -> None:
        core = self._core
        for cmd, data, ms in seq:
            while not self._bus._begin():
                pass
            if core.data_as_commands:
                self._bus._send(COMMAND, CS_TOGGLE, bytes((cmd,)) + data)
            else:
                self._bus._send(COMMAND, CS_TOGGLE if data else CS_UNTOUCHED, bytes((cmd,)))
                self._bus._send(DATA, CS_UNTOUCHED, data)
            self._bus._end()
            _hw.sleep_ns(ms * 1_000_000)

    # geometry -----------------------------------------------------------------------------------
    # brightness ---------------------------------------------------------------------------------
    def _set_brightness(self, value: float) -> bool:
        level = value if self._backlight_on_high else 1.0 - value
        if self._backlight is not None:
            self._backlight.value = level > 0.99
        elif self._brightness_command is not None:
            if not self._bus._begin():
                return False
            if self._core.data_as_commands:
                self._bus._send(COMMAND, CS_TOGGLE, bytes((self._brightness_command,
                                                           int(0xFF * level))))
            else:
                self._bus._send(COMMAND, CS_TOGGLE, bytes((self._brightness_command,)))
                self._bus._send(DATA, CS_UNTOUCHED, bytes((int(0xFF * level),)))
            self._bus._end()
        else:
            return False
        self._brightness = level
        return True

    @property
    def brightness(self) -> float:
        """The brightness of the display as a float. 0.0 is off and 1.0 is full brightness."""
        return self._brightness

    @brightness.setter
    def brightness(self, value: float) -> None:
        value = float(value)
        if not 0 <= value <= 1:
            raise ValueError("brightness must be 0-1")
        if not self._set_brightness(value):
            raise RuntimeError("Brightness not adjustable")

    # groups and refresh -------------------------------------------------------------------------
    def refresh(self, *, target_frames_per_second: int | None = None,
                minimum_frames_per_second: int = 0) -> bool:
        """Write the pending changes to the display (throttled to the target frame rate)."""
        max_ms = 1000 // minimum_frames_per_second if minimum_frames_per_second > 0 else None
        if target_frames_per_second is not None and not self._auto and not self._first_manual:
            target_ms = 1000 // int(target_frames_per_second)
            now = _hw.now_ns() // 1_000_000
            since_real = now - self._last_refresh_ms
            if max_ms is not None and since_real > max_ms:
                raise RuntimeError("Below minimum frame rate")
            since_call = now - self._last_call_ms
            self._last_call_ms = now
            if since_call > target_ms:
                return False
            remaining = target_ms - (since_real % target_ms)
            wait = self._last_call_ms + remaining - now
            if wait > 0:
                _hw.sleep_ns(wait * 1_000_000)
        self._first_manual = False
        self._refresh_now()
        return True

    def _refresh_now(self) -> None:
        core = self._core
        now_ms = _hw.get_board().clock.monotonic_ns() // 1_000_000
        if not self._full and self._seen == CHANGES.count:
            self._last_refresh_ms = now_ms
            return
        if not self._bus._free():
            return
        self._seen = CHANGES.count
        frame = compose(self._root, self.width, self.height, self._core.fmt.depth)
        native = to_native(frame, core.rotation)
        old = None if self._full else core.last
        box = dirty_box(old, native, core.fmt.align())
        self._full = False
        if box is not None:
            core.send_area(native, box)
            core.last = native.copy()
            _notify_frame(self, native)
        self._last_refresh_ms = now_ms

    @property
    def auto_refresh(self) -> bool:
        """True when the display is refreshed automatically."""
        return self._auto

    @auto_refresh.setter
    def auto_refresh(self, value: bool) -> None:
        value = bool(value)
        self._first_manual = not value
        if value and self._task is None:
            board = _hw.get_board()
            self._task = _hw.schedule_at(board.clock.monotonic_ns(), self._background)
        elif not value and self._task is not None:
            self._task.cancel()
            self._task = None
        self._auto = value

    def _background(self, deadline_ns: int) -> None:
        self._task = None
        if not self._auto:
            return
        self._refresh_now()
        nxt = deadline_ns + self._frame_ms * 1_000_000
        now = _hw.get_board().clock.monotonic_ns()
        if nxt < now:
            nxt = now + self._frame_ms * 1_000_000  # skip missed frames, as a busy board does
        self._task = _hw.schedule_at(nxt, self._background)

    def fill_row(self, y: int, buffer: Any) -> Any:
        """Extract the pixels from a single row (RGB565, 16 bit colour displays only)."""
        if self._core.fmt.depth != 16:
            raise ValueError("Display must have a 16 bit colorspace.")
        buf = _hw.buffer(buffer, writable=True)
        if len(buf) < self.width * 2:
            raise ValueError("Buffer too small")
        frame = compose(self._root, self.width, self.height, self._core.fmt.depth)
        row = self._core.fmt.convert(frame[y: y + 1, :])
        buf[: self.width * 2] = row.astype("<u2").tobytes()
        return buffer

    def _release(self) -> None:
        self.auto_refresh = False
        self._detach_root()
        if self._backlight is not None:
            self._backlight.deinit()
            self._backlight = None


_frame_listeners: list[Any] = []


def on_frame(listener: Any) -> None:
    """Host hook: ``listener(display, native_rgb888_frame, t_ns)`` after each refresh sent."""
    _frame_listeners.append(listener)


def _notify_frame(display: BusDisplay, native: Any) -> None:
    if _frame_listeners:
        t = _hw.get_board().clock.monotonic_ns()
        for listener in _frame_listeners:
            listener(display, native, t)
