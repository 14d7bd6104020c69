"""Guest module `keypad` (CircuitPython): Keys scanned on the board clock into an EventQueue.

Scanning happens every ``interval`` seconds of board time, as CircuitPython's background task does:
while the guest sleeps (``_hw.sleep_ns`` wakes at each scan) or whenever it looks at the clock or
the queue.  Event timestamps are ``supervisor.ticks_ms()`` values (wrapping at 2**29).
"""

from __future__ import annotations

from collections import deque
from typing import Any, Self

from hal import api as _api
from jitvm.modules import _hw

__all__ = ["Event", "EventQueue", "KeyMatrix", "Keys", "ShiftRegisterKeys"]

_TICKS_MASK = (1 << 29) - 1


class Event:
    """A key transition event."""

    def __init__(self, key_number: int = 0, pressed: bool = True) -> None:
        if not isinstance(key_number, int) or key_number < 0:
            raise ValueError("key_number must be >= 0")
        self._key_number = key_number
        self._pressed = bool(pressed)
        self._timestamp = 0

    @property
    def key_number(self) -> int:
        """The key number."""
        return self._key_number

    @property
    def pressed(self) -> bool:
        """True if the event represents a key down (pressed) transition."""
        return self._pressed

    @property
    def released(self) -> bool:
        """True if the event represents a key up (released) transition."""
        return not self._pressed

    @property
    def timestamp(self) -> int:
        """The time in milliseconds (supervisor.ticks_ms) when the event occurred."""
        return self._timestamp

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Event):
            return False
        return self._key_number == other._key_number and self._pressed == other._pressed

    def __hash__(self) -> int:
        return hash((self._key_number, self._pressed))

    def __repr__(self) -> str:
        state = "pressed" if self._pressed else "released"
        return f"<Event: key_number {self._key_number} {state}>"


class EventQueue:
    """A queue of Event objects, filled by a keypad scanner."""

    def __init__(self, *args: Any) -> None:
        raise TypeError("cannot create 'EventQueue' instances")

    @classmethod
    def _new(cls, max_events: int) -> EventQueue:
        queue = object.__new__(cls)
        queue._events = deque()
        queue._max = max_events
        queue._overflowed = False
        return queue

    def _push(self, key_number: int, pressed: bool, timestamp: int) -> None:
        if len(self._events) >= self._max:
            self._overflowed = True
            return
        self._events.append((key_number, pressed, timestamp))

    def get(self) -> Event | None:
        """Remove the next key transition event from the queue; None if it is empty."""
        _hw.now_ns()
        if not self._events:
            return None
        key_number, pressed, timestamp = self._events.popleft()
        event = Event(key_number, pressed)
        event._timestamp = timestamp
        return event

    def get_into(self, event: Event) -> bool:
        """Store the next event in ``event``; False (event untouched) if the queue is empty."""
        if not isinstance(event, Event):
            raise TypeError(f"event must be of type Event, not {_hw.type_name(event)}")
        _hw.now_ns()
        if not self._events:
            return False
        event._key_number, event._pressed, event._timestamp = self._events.popleft()
        return True

    def clear(self) -> None:
        """Clear any queued key transition events. Also sets overflowed to False."""
        self._events.clear()
        self._overflowed = False

    def __bool__(self) -> bool:
        _hw.now_ns()
        return bool(self._events)

    def __len__(self) -> int:
        _hw.now_ns()
        return len(self._events)

    @property
    def overflowed(self) -> bool:
        """True if an event could not be added because the queue was full."""
        return self._overflowed


def _claim(board: Any, hal_pins: list[Any], setup: Any) -> list[Any]:
    """Claim each pin as a hal line and ``setup(index, line)`` it; on failure free them all."""
    lines: list[Any] = []
    try:
        for i, p in enumerate(hal_pins):
            line = board.gpio(p)
            lines.append(line)
            setup(i, line)
    except BaseException:
        for line in lines:
            line.deinit()
        raise
    return lines


def _pin_list(pins: Any, arg: str) -> list[Any]:
    return [_hw.require_pin(p, arg) for p in pins]


class _Scanner:
    """What every scanner shares: the scan schedule on the board clock, debouncing, the
    EventQueue, reset/deinit.  A subclass sets ``_lines`` (every claimed line) and ``_count``
    and samples its keys in ``_sample()`` (True = pressed, one per key)."""

    _lines: list[Any] | None
    _count: int

    def _start(self, interval: float, max_events: int, debounce_threshold: int) -> None:
        self._interval_ns = max(1, round(interval * 1e9))
        self._threshold = debounce_threshold
        self._events = EventQueue._new(max_events)
        self._state = [False] * self._count
        self._counts = [0] * self._count
        clock = _hw.get_board().clock
        self._task = _hw.schedule_at(clock.monotonic_ns() + self._interval_ns, self._scan)

    @staticmethod
    def _check(interval: float, max_events: int, debounce_threshold: int) -> None:
        if not 0 < interval <= 100:
            raise ValueError("interval must be 0.001-100")
        _hw.int_range(max_events, 1, 1024, "max_events")
        _hw.int_range(debounce_threshold, 1, 127, "debounce_threshold")

    def _sample(self) -> list[bool]:
        raise NotImplementedError

    def _scan(self, deadline_ns: int) -> None:
        if self._lines is None:
            return
        board = _hw.get_board()
        stamp = (deadline_ns // 1_000_000) & _TICKS_MASK
        for i, pressed in enumerate(self._sample()):
            if pressed == self._state[i]:
                self._counts[i] = 0
                continue
            self._counts[i] += 1
            if self._counts[i] >= self._threshold:
                self._counts[i] = 0
                self._state[i] = pressed
                self._events._push(i, pressed, stamp)
        # After a long gap without service, skip missed scans instead of replaying them.
        nxt = deadline_ns + self._interval_ns
        now = board.clock.monotonic_ns()
        if nxt < now - self._interval_ns:
            nxt = now
        self._task = _hw.schedule_at(nxt, self._scan)

    def _live(self) -> None:
        if self._lines is None:
            raise _api.DeinitializedError()

    @property
    def events(self) -> EventQueue:
        """The EventQueue associated with this scanner."""
        self._live()
        return self._events

    @property
    def key_count(self) -> int:
        """The number of keys that are being scanned."""
        self._live()
        return self._count

    def reset(self) -> None:
        """Assume all keys are released: keys held now produce pressed events on the next scan."""
        self._live()
        self._state = [False] * self._count
        self._counts = [0] * self._count

    def deinit(self) -> None:
        """Stop scanning and release the pins."""
        if self._lines is None:
            return
        self._task.cancel()
        for line in self._lines:
            line.deinit()
        self._lines = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.deinit()


class Keys(_Scanner):
    """Manage a set of independent keys, one pin each."""

    def __init__(self, pins: Any, *, value_when_pressed: bool, pull: bool = True,
                 interval: float = 0.020, max_events: int = 64,
                 debounce_threshold: int = 1) -> None:
        hal_pins = _pin_list(pins, "pins")
        if not hal_pins:
            raise ValueError("pins length must be >= 1")
        if len(set(hal_pins)) != len(hal_pins):
            raise TypeError("pins contains duplicate pins")
        self._check(interval, max_events, debounce_threshold)
        self._pressed_level = bool(value_when_pressed)
        bias = None
        if pull:
            bias = _api.Pull.DOWN if self._pressed_level else _api.Pull.UP
        self._lines = _claim(_hw.get_board(), hal_pins, lambda i, line: line.switch_to_input(bias))
        self._count = len(self._lines)
        self._start(interval, max_events, debounce_threshold)

    def _sample(self) -> list[bool]:
        return [bool(line.value) == self._pressed_level for line in self._lines]


class KeyMatrix(_Scanner):
    """Manage a two-dimensional matrix of keys with row and column pins (CircuitPython's
    shared-module/keypad/KeyMatrix.c: each row in turn is driven to the active level while the
    columns, pulled the other way, are read)."""

    def __init__(self, row_pins: Any, column_pins: Any, columns_to_anodes: bool = True,
                 interval: float = 0.020, max_events: int = 64,
                 debounce_threshold: int = 1) -> None:
        rows, cols = _pin_list(row_pins, "row_pins"), _pin_list(column_pins, "column_pins")
        if not rows:
            raise ValueError("row_pins length must be >= 1")
        if not cols:
            raise ValueError("column_pins length must be >= 1")
        for pins, arg in ((rows, "row_pins"), (cols, "column_pins")):
            if len(set(pins)) != len(pins):
                raise TypeError(f"{arg} contains duplicate pins")
        if set(rows) & set(cols):
            raise TypeError("row_pins and column_pins contain duplicate pins")
        self._check(interval, max_events, debounce_threshold)
        self._to_anodes = bool(columns_to_anodes)
        bias = _api.Pull.UP if self._to_anodes else _api.Pull.DOWN
        self._lines = _claim(_hw.get_board(), rows + cols,
                             lambda i, line: line.switch_to_input(bias))
        self._rows, self._cols = self._lines[:len(rows)], self._lines[len(rows):]
        self._count = len(rows) * len(cols)
        self._start(interval, max_events, debounce_threshold)

    def _sample(self) -> list[bool]:
        bias = _api.Pull.UP if self._to_anodes else _api.Pull.DOWN
        out = []
        for row in self._rows:
            row.switch_to_output(not self._to_anodes)
            out += [bool(col.value) != self._to_anodes for col in self._cols]
            row.value = self._to_anodes
            row.switch_to_input(bias)
        return out

    @property
    def row_count(self) -> int:
        self._live()
        return len(self._rows)

    @property
    def column_count(self) -> int:
        self._live()
        return len(self._cols)

    def key_number_to_row_column(self, key_number: int) -> tuple[int, int]:
        """The (row, column) of ``key_number``: ``divmod(key_number, column count)``."""
        self._live()
        _hw.int_range(key_number, 0, self._count - 1, "key_number")
        return divmod(key_number, len(self._cols))

    def row_column_to_key_number(self, row: int, column: int) -> int:
        """The key number of (row, column): ``row * column count + column``."""
        self._live()
        _hw.int_range(row, 0, len(self._rows) - 1, "row")
        _hw.int_range(column, 0, len(self._cols) - 1, "column")
        return row * len(self._cols) + column


class ShiftRegisterKeys(_Scanner):
    """Keys read through parallel-in serial-out shift registers (74HC165, CD4021): CircuitPython's
    shared-module/keypad/ShiftRegisterKeys.c latches, then per bit reads every data pin and
    pulses the clock high; key numbers run through data[0]'s bits, then data[1]'s, ..."""

    def __init__(self, *, clock: Any, data: Any, latch: Any, value_to_latch: bool = True,
                 key_count: Any, value_when_pressed: bool, interval: float = 0.020,
                 max_events: int = 64, debounce_threshold: int = 1) -> None:
        data_pins = _pin_list([data] if isinstance(data, _api.Pin) else data, "data")
        counts = [key_count] if isinstance(key_count, int) else list(key_count)
        if len(counts) != len(data_pins):
            raise ValueError(f"key_count length must be {len(data_pins)}")
        for n in counts:
            if not isinstance(n, int):
                raise TypeError(f"can't convert {_hw.type_name(n)} to int")
            if n < 1:
                raise ValueError("key_count must be >= 1")
        pins = [_hw.require_pin(clock, "clock"), _hw.require_pin(latch, "latch"), *data_pins]
        self._check(interval, max_events, debounce_threshold)
        self._to_latch, self._pressed_level = bool(value_to_latch), bool(value_when_pressed)

        def setup(i: int, line: Any) -> None:
            if i < 2:  # clock low, latch high, as the firmware leaves them
                line.switch_to_output(i == 1)
            else:
                line.switch_to_input(None)

        self._lines = _claim(_hw.get_board(), pins, setup)
        self._clock, self._latch, self._data = self._lines[0], self._lines[1], self._lines[2:]
        self._key_counts = counts
        self._count = sum(counts)
        self._start(interval, max_events, debounce_threshold)

    def _sample(self) -> list[bool]:
        out = [False] * self._count
        self._latch.value = self._to_latch
        for bit in range(max(self._key_counts)):
            self._clock.value = False
            base = 0
            for line, n in zip(self._data, self._key_counts):
                if bit < n:
                    out[base + bit] = bool(line.value) == self._pressed_level
                base += n
            self._clock.value = True
        self._latch.value = not self._to_latch
        return out
