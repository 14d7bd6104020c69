"""The virtual clock: time moves only when the program sleeps, works or does I/O; events fire on the way."""

from __future__ import annotations

import heapq
import itertools
import time
from collections.abc import Callable

from hal.api import Clock


class ScheduledEvent:
    """A handle for a scheduled callback; ``cancel()`` stops it from firing."""

    __slots__ = ("callback", "cancelled", "time_ns")

    def __init__(self, time_ns: int, callback: Callable[[], None]) -> None:
        self.time_ns = time_ns
        self.callback = callback
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True


class VirtualClock(Clock):
    """Nanosecond virtual time with an event queue.

    ``monotonic_ns`` costs ``read_cost_ns`` of virtual time so that a program busy-waiting on
    the clock (``while time.monotonic() < t``) still reaches ``t``.  With ``realtime=True``
    sleeps also wait on the wall clock until it catches up with virtual time.
    """

    virtual = True

    def __init__(self, *, realtime: bool = False, read_cost_ns: int = 1_000) -> None:
        self._now = 0
        self._queue: list[tuple[int, int, ScheduledEvent]] = []
        self._seq = itertools.count()
        self.realtime = realtime
        self.read_cost_ns = read_cost_ns
        self._wall_start = time.monotonic()
        self.track_wall = False  # True: reads advance virtual time by the host time elapsed
        self._wall_last = time.monotonic_ns()
        self._last_read = -1  # virtual time after the last read (busy-poll detection)
        self._poll_start = 0
        self._dispatching = 0  # > 0 while event callbacks run
        self._deferred = 0  # work charged by callbacks, applied after them

    # -- reading ------------------------------------------------------------------
    def now(self) -> int:
        """The current virtual time, without the read cost (for the HAL's own bookkeeping)."""
        return self._now

    def monotonic_ns(self) -> int:
        if self.track_wall:  # benchmarks: computation time counts, sleeps still jump
            wall = time.monotonic_ns()
            self.advance_ns(max(self.read_cost_ns, wall - self._wall_last))
            self._wall_last = wall
            return self._now
        self.advance_ns(self._read_step())
        self._last_read = self._now
        return self._now

    POLL_GAP_NS = 50_000  # reads closer than this in wall time, with nothing else in between
    POLL_MAX_STEP_NS = 10_000_000

    def _read_step(self) -> int:
        """What a read costs: ``read_cost_ns``, except while the program busy-polls the clock
        (reads back to back in wall time, virtual time moved by nothing else): then an eighth
        of the time it has been polling (at most 10 ms), so ``while ticks_diff(...) < 5000``
        ends after ~150 reads instead of five million, overshooting by at most ~1/8."""
        wall = time.monotonic_ns()
        polling = self._now == self._last_read and wall - self._wall_last < self.POLL_GAP_NS
        self._wall_last = wall
        if not polling:
            self._poll_start = self._now
            return self.read_cost_ns
        return max(self.read_cost_ns, min(self.POLL_MAX_STEP_NS, (self._now - self._poll_start) >> 3))

    # -- moving -------------------------------------------------------------------
    def sleep_ns(self, ns: int) -> None:
        if ns < 0:
            raise ValueError("sleep length must be non-negative")
        self.run_until(self._now + int(ns))
        if self.realtime:
            lag = self._wall_start + self._now / 1e9 - time.monotonic()
            while lag > 0:  # in slices: an asynchronous exception (Ctrl-C) gets in between
                time.sleep(min(lag, 0.05))
                lag = self._wall_start + self._now / 1e9 - time.monotonic()

    def advance_ns(self, ns: int) -> None:
        if ns <= 0:
            return
        if self._dispatching:
            # A callback reading a pin must not fire later events inside itself (that would
            # nest edge callbacks out of order): its cost is charged once it returns.
            self._deferred += int(ns)
            return
        self.run_until(self._now + int(ns))

    def run_until(self, t_ns: int) -> None:
        """Fire every event due at or before ``t_ns`` in time order, then set the time to ``t_ns``.

        An event callback may itself sleep (a guest edge callback calling time.sleep): the
        nested call pops from the same queue, and time never moves backwards.
        """
        while self._queue and self._queue[0][0] <= t_ns:
            when, _, ev = heapq.heappop(self._queue)
            if ev.cancelled:
                continue
            self._now = max(self._now, when)
            self._dispatching += 1
            try:
                ev.callback()
            finally:
                self._dispatching -= 1
        self._now = max(self._now, t_ns)
        if self._deferred and not self._dispatching:
            extra, self._deferred = self._deferred, 0
            self.run_until(self._now + extra)

    def wait_for(self, ready: Callable[[], bool], deadline_ns: int) -> bool:
        """Advance event by event until ``ready()`` or the deadline; returns ``ready()``."""
        while not ready():
            nxt = self.next_event_ns()
            if nxt is None or nxt > deadline_ns:
                self.run_until(max(self._now, deadline_ns))
                return ready()
            self.run_until(nxt)
        return True

    # -- scheduling ---------------------------------------------------------------
    def call_at(self, t_ns: int, callback: Callable[[], None]) -> ScheduledEvent:
        """Run ``callback`` when virtual time reaches ``t_ns`` (now, if already past)."""
        ev = ScheduledEvent(max(int(t_ns), self._now), callback)
        heapq.heappush(self._queue, (ev.time_ns, next(self._seq), ev))
        return ev

    def call_later(self, delay_ns: int, callback: Callable[[], None]) -> ScheduledEvent:
        return self.call_at(self._now + int(delay_ns), callback)

    def next_event_ns(self) -> int | None:
        """When the next live event is due, or None."""
        while self._queue and self._queue[0][2].cancelled:
            heapq.heappop(self._queue)
        return self._queue[0][0] if self._queue else None
