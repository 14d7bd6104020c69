"""Guest module `epaperdisplay` (CircuitPython): EPaperDisplay, monochrome, 4-level grayscale and
three-colour (black/white + one highlight colour) panels, as shared-module/epaperdisplay does:

a refresh sends the start sequence (waiting for the busy pin after each command), the changed
area as a black plane (luma bit 7; highlight-coloured pixels are black there) and, with
``write_color_ram_command``, a colour plane (the highlight hue within +-10 of 240, or luma bit 6
for grayscale), each plane after its window and RAM-write commands, then the refresh sequence.
The stop sequence follows once the panel is no longer busy (busy pin, else ``refresh_time``).
``refresh()`` is refused within ``seconds_per_frame`` of the last one ("Refresh too soon").
Seven-colour ACeP / Spectra 6 panels and two-bit highlight planes are not implemented.
"""

from __future__ import annotations

from typing import Any

from jitvm.modules import _hw, displayio
from jitvm.modules._dio_bitmap import CHANGES, np
from jitvm.modules._dio_group import Group
from jitvm.modules._dio_render import PixelFormat, compose, dirty_box, to_native
from jitvm.modules.busdisplay import COMMAND, CS_TOGGLE, CS_UNTOUCHED, DATA, _Core, _DisplayBase

__all__ = ["EPaperDisplay"]

BUFFER_WORDS = 128  # epaperdisplay_refresh_area's buffer of uint32s
BUSY_LIMIT_NS = 60_000_000_000  # jitvm gives up waiting for a busy pin after a minute


def parse_sequence(seq: bytes, two_byte_length: bool) -> list[tuple[int, bytes, int]]:
    """send_command_sequence's reading: command, length (0x80: a delay byte follows, 255 =
    500 ms; no delay otherwise), [second length byte], data."""
    out = []
    i = 0
    while i < len(seq):
        if i + 1 >= len(seq):
            raise ValueError("sequence is truncated")
        cmd, size = seq[i], seq[i + 1]
        delay = bool(size & 0x80)
        size &= 0x7F
        start = i + 2
        if two_byte_length:
            size = (size << 8) + seq[i + 2]
            start += 1
        data = bytes(seq[start: start + size])
        ms = 0
        if delay:
            ms = seq[start + size] if start + size < len(seq) else 0
            ms = 500 if ms == 255 else ms
            size += 1
        out.append((cmd, data, ms))
        i = start + size
    return out


def _hue(r: Any, g: Any, b: Any) -> Any:
    """displayio_colorconverter_compute_hue (0..239), C integer arithmetic."""
    n = np()
    mx = n.maximum(r, n.maximum(g, b))
    c = mx - n.minimum(r, n.minimum(g, b))
    safe = n.where(c == 0, 1, c)

    def cdiv(a: Any, d: Any) -> Any:
        q = n.abs(a) // d
        return n.where(a < 0, -q, q)

    hue_r = cdiv((g - b) * 40, safe)
    hue_r = hue_r - 240 * cdiv(hue_r, 240)  # C's % keeps the sign
    hue_g = cdiv((b - r + 2 * c) * 40, safe)
    hue_b = cdiv((r - g + 4 * c) * 40, safe)
    hue = n.where(mx == r, hue_r, n.where(mx == g, hue_g, hue_b))
    hue = n.where(hue < 0, hue + 240, hue)
    return n.where(c == 0, 0, hue)


def _refresh_sequence(command: Any, two_byte_length: bool) -> list[tuple[int, bytes, int]]:
    """refresh_display_command: one command byte, or a command sequence."""
    if isinstance(command, int):
        return [(command & 0xFF, b"", 0)]
    try:
        raw = bytes(_hw.buffer(command))
    except TypeError:
        raise ValueError("Invalid refresh_display_command") from None
    return parse_sequence(raw, two_byte_length)


def _target_hue(color: int) -> int:
    n = np()
    r, g, b = (n.array([v], dtype=n.int64) for v in (color >> 16 & 0xFF, color >> 8 & 0xFF,
                                                      color & 0xFF))
    return int(_hue(r, g, b)[0])


class EPaperDisplay(_DisplayBase):
    """Manage updating an epaper display over a display bus."""

    __guest_subclassable__ = True  # the e-paper drivers derive one (adafruit_ssd1680, ...)

    def __init__(self, display_bus: Any, start_sequence: Any, stop_sequence: Any, *, width: int,
                 height: int, ram_width: int, ram_height: int, colstart: int = 0,
                 rowstart: int = 0, rotation: int = 0, set_column_window_command: int | None = None,
                 set_row_window_command: int | None = None,
                 set_current_column_command: int | None = None,
                 set_current_row_command: int | None = None, write_black_ram_command: int,
                 black_bits_inverted: bool = False, write_color_ram_command: int | None = None,
                 color_bits_inverted: bool = False, highlight_color: int = 0,
                 highlight_color2: int = 0, refresh_display_command: Any,
                 refresh_time: float = 40, busy_pin: Any = None, busy_state: bool = True,
                 seconds_per_frame: float = 180, always_toggle_chip_select: bool = False,
                 grayscale: bool = False, advanced_color_epaper: bool = False,
                 spectra6: bool = False, two_byte_sequence_length: bool = False,
                 start_up_time: float = 0, address_little_endian: bool = False) -> None:
        if not hasattr(display_bus, "_begin"):
            raise ValueError("Unsupported display bus type")
        if rotation % 90 != 0:
            raise ValueError("Display rotation must be in 90 degree increments")
        if advanced_color_epaper or spectra6 or highlight_color2:
            raise NotImplementedError("jitvm: seven-colour and four-colour e-paper")
        if highlight_color and write_color_ram_command is None:
            raise NotImplementedError("jitvm: a highlight colour without a colour RAM")
        two = bool(two_byte_sequence_length)
        self._start = parse_sequence(bytes(_hw.buffer(start_sequence)), two)
        self._stop = parse_sequence(bytes(_hw.buffer(stop_sequence)), two)
        self._refresh_seq = _refresh_sequence(refresh_display_command, two)
        rotation %= 360
        if rotation in (90, 270):
            width, height = height, width
        fmt = PixelFormat(1, True, True, 1, True, True)
        self._core = _Core(display_bus, width, height, colstart, rowstart, rotation, fmt,
                           (set_column_window_command, set_row_window_command, None), False,
                           False, False)
        self._core.ram_small_x = ram_width < 0x100
        self._core.ram_small_y = ram_height < 0x100
        self._core.set_current = (set_current_column_command, set_current_row_command)
        self._core.little_endian = bool(address_little_endian)
        self._core.always_toggle = bool(always_toggle_chip_select)
        self._cs = CS_TOGGLE if always_toggle_chip_select else CS_UNTOUCHED
        self._bus = display_bus
        self._black = (write_black_ram_command, bool(black_bits_inverted))
        self._color = (write_color_ram_command, bool(color_bits_inverted))
        self._tricolor_hue = _target_hue(highlight_color) if highlight_color else None
        self._grayscale = bool(grayscale)
        self._refresh_ms = float(refresh_time) * 1000
        self._frame_ms = float(seconds_per_frame) * 1000
        self._start_up_ns = int(float(start_up_time) * 1e9)
        self._busy_state = bool(busy_state)
        displayio._register_display(self)
        self._busy = None
        if busy_pin is not None:
            self._busy = _hw.get_board().gpio(_hw.require_pin(busy_pin, "busy_pin"))
            self._busy.switch_to_input(None)
        self._refreshing = False
        self._last_refresh_ms: int | None = None
        self._full = True
        self._seen = -1
        self._root: Group | None = None
        terminal = displayio.terminal_group()
        if not terminal._dio_in_group:
            self.root_group = terminal

    # sequences and the busy pin ---------------------------------------------------------------
    def _is_busy(self) -> bool:
        return self._busy is not None and bool(self._busy.value) == self._busy_state

    def _wait_busy(self) -> None:
        waited = 0
        while self._is_busy() and waited < BUSY_LIMIT_NS:
            _hw.sleep_ns(1_000_000)
            waited += 1_000_000

    def _send_sequence(self, seq: list[tuple[int, bytes, int]], wait_busy: bool) -> None:
        for cmd, data, ms in seq:
            while not self._bus._begin():
                _hw.sleep_ns(1_000_000)
            self._bus._send(COMMAND, self._cs, bytes((cmd,)))
            self._bus._send(DATA, self._cs, data)
            self._bus._end()
            if ms:
                _hw.sleep_ns(ms * 1_000_000)
            if wait_busy:
                self._wait_busy()

    def _now_ms(self) -> int:
        return _hw.now_ns() // 1_000_000

    def _background(self) -> None:
        """epaperdisplay_epaperdisplay_background: the stop sequence once the refresh is over."""
        if not self._refreshing:
            return
        if self._busy is not None:
            done = not self._is_busy()
        else:
            done = self._now_ms() - (self._last_refresh_ms or 0) > self._refresh_ms
        if done:
            self._refreshing = False
            self._send_sequence(self._stop, False)

    # properties -------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """True when the display is refreshing."""
        self._background()
        return self._refreshing

    @property
    def time_to_refresh(self) -> float:
        """Time, in fractional seconds, until the ePaper display can be refreshed."""
        if self._last_refresh_ms is None:
            return 0.0
        elapsed = self._now_ms() - self._last_refresh_ms
        return 0.0 if elapsed > self._frame_ms else (self._frame_ms - elapsed) / 1000.0

    def update_refresh_mode(self, start_sequence: Any, seconds_per_frame: float = 180) -> None:
        """Updates the start_sequence and seconds_per_frame parameters."""
        self._start = parse_sequence(bytes(_hw.buffer(start_sequence)), False)
        self._frame_ms = float(seconds_per_frame) * 1000

    # refreshing -------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Refreshes the display immediately or raises an exception if too soon."""
        if not self._refresh():
            raise RuntimeError("Refresh too soon")

    def _refresh(self) -> bool:
        if self._refreshing and self._busy is not None:
            if self._is_busy():
                return False
            self._refreshing = False
            self._send_sequence(self._stop, False)
        if self._root is None:
            return True
        if self.time_to_refresh > 0:
            return False
        if not self._bus._free():
            return False
        core = self._core
        if not self._full and self._seen == CHANGES.count:
            return True
        frame = compose(self._root, self.width, self.height, 1)
        native = to_native(frame, core.rotation)
        box = dirty_box(None if self._full else core.last, native, core.fmt.align())
        self._seen = CHANGES.count
        self._full = False
        if box is None:
            return True
        if core.column_command is None or core.row_command is None:
            box = (0, 0, native.shape[1], native.shape[0])  # no window: the whole RAM
        self._start_refresh()
        self._send_planes(native, box)
        self._send_sequence(self._refresh_seq, False)
        core.last = native.copy()
        self._refreshing = True
        self._last_refresh_ms = self._now_ms()
        _hw.schedule_at(_hw.get_board().clock.monotonic_ns() + 10_000_000, self._poll)
        from jitvm.modules.busdisplay import _notify_frame

        _notify_frame(self, native)
        return True

    def _poll(self, deadline_ns: int) -> None:
        self._background()
        if self._refreshing:
            _hw.schedule_at(deadline_ns + 10_000_000, self._poll)

    def _start_refresh(self) -> None:
        reset = getattr(self._bus, "_reset_if_any", None)
        if reset is not None:
            reset()
        if self._start_up_ns:
            _hw.sleep_ns(self._start_up_ns)
        self._send_sequence(self._start, True)

    def _planes(self, rgb: Any) -> list[tuple[int, bool, Any]]:
        """(RAM command, inverted, bits) for the black plane and, if any, the colour plane."""
        n = np()
        rgb = rgb.astype(n.int64)
        r, g, b = (rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF
        luma = (r * 19 + g * 182 + b * 54) // 255
        black = (luma >> 7) & 1
        highlight = None
        if self._tricolor_hue is not None:
            chroma = n.maximum(r, n.maximum(g, b)) - n.minimum(r, n.minimum(g, b))
            diff = self._tricolor_hue - _hue(r, g, b)
            near = ((diff >= -10) & (diff <= 10)) | (diff <= -220) | (diff >= 220)
            highlight = (chroma > 16) & near
            black = n.where(highlight, 0, black)
        planes = [(self._black[0], self._black[1], black)]
        command, inverted = self._color
        if command is not None:
            if self._grayscale:
                color = (luma >> 6) & 1
            elif highlight is not None:
                color = highlight.astype(n.int64)
            else:
                color = n.zeros_like(black)
            planes.append((command, inverted, color))
        return planes

    def _send_planes(self, native: Any, box: tuple[int, int, int, int]) -> None:
        x1, y1, x2, y2 = box
        core = self._core
        width = x2 - x1
        rows = y2 - y1
        if width * rows > BUFFER_WORDS * 32:
            rows = max(1, BUFFER_WORDS * 32 // width)
        for command, inverted, bits in self._planes(native[y1:y2, x1:x2]):
            if core.row_command is not None:
                core.send_region(x1, y1, x2, y2)
            while not self._bus._begin():
                _hw.sleep_ns(1_000_000)
            self._bus._send(COMMAND, self._cs, bytes((command,)))
            self._bus._end()
            for top in range(0, y2 - y1, rows):
                data = core.fmt.pack(bits[top: top + rows])
                if inverted:
                    data = bytes(0xFF ^ v for v in data)
                while not self._bus._begin():
                    _hw.sleep_ns(1_000_000)
                self._bus._send(DATA, self._cs, data)
                self._bus._end()

    def _release(self) -> None:
        if self._refreshing:
            self._wait_busy()
            self._refreshing = False
            self._send_sequence(self._stop, False)
        self._detach_root()
        if self._busy is not None:
            self._busy.deinit()
            self._busy = None
