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

__all__ = ["Event", "EventQueue", "Keys"]

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


class Keys:
    """Manage a set of independent keys, one pin each."""

    def __init__(
        self,
        pins: Any,
        *,
        value_when_pressed: bool,
        pull: bool = True,
        interval: float = 0.020,
        max_events: int = 64,
        debounce_threshold: int = 1,
    ) -> None:
        pins = list(pins)
        if not pins:
            raise ValueError("pins length must be >= 1")
        hal_pins = [_hw.require_pin(p, "pins") for p in pins]
        if len(set(hal_pins)) != len(hal_pins):
            raise TypeError("pins contains duplicate pins")
        if not 0 < interval <= 100:
            raise ValueError("interval must be 0.001-100")
        _hw.int_range(max_events, 1, 1024, "max_events")
        _hw.int_range(debounce_threshold, 1, 127, "debounce_threshold")
        board = _hw.get_board()
        self._pressed_level = bool(value_when_pressed)
        bias = None
        if pull:
            bias = _api.Pull.DOWN if self._pressed_level else _api.Pull.UP
        self._lines: list[Any] = []
        try:
            for p in hal_pins:
                line = board.gpio(p)
                self._lines.append(line)
                line.switch_to_input(bias)
        except BaseException:
            for line in self._lines:
                line.deinit()
            raise
        self._interval_ns = max(1, round(interval * 1e9))
        self._threshold = debounce_threshold
        self._events = EventQueue._new(max_events)
        self._state = [False] * len(self._lines)
        self._counts = [0] * len(self._lines)
        self._task = _hw.schedule_at(board.clock.monotonic_ns() + self._interval_ns, self._scan)

    # scanning -------------------------------------------------------------------------
    def _scan(self, deadline_ns: int) -> None:
        if self._lines is None:
            return
        board = _hw.get_board()
        stamp = (deadline_ns // 1_000_000) & _TICKS_MASK
        for i, line in enumerate(self._lines):
            pressed = bool(line.value) == self._pressed_level
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

    # public ---------------------------------------------------------------------------
    def _live(self) -> None:
        if self._lines is None:
            raise _api.DeinitializedError()

    @property
    def events(self) -> EventQueue:
        """The EventQueue associated with this Keys object."""
        self._live()
        return self._events

    @property
    def key_count(self) -> int:
        """The number of keys that are being scanned."""
        self._live()
        return len(self._lines)

    def reset(self) -> None:
        """Assume all keys are released: keys held now produce pressed events on the next scan."""
        self._live()
        self._state = [False] * len(self._lines)
        self._counts = [0] * len(self._lines)

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
