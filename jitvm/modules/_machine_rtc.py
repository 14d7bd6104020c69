"""machine.RTC and machine.WDT (MicroPython) on the board clock.

RTC.datetime() is MicroPython's 8-tuple (year, month, day, weekday, hours, minutes, seconds,
subseconds in microseconds, as on ESP32) and follows the board clock; setting it moves what
time.time()/localtime() say too.  RTC.memory() is RTC RAM (2048 bytes, ESP32's default) kept
for the run.  A WDT not fed within its timeout resets the board: the run ends (see
``WatchdogReset``).
"""

from __future__ import annotations

from typing import Any

from jitvm.modules import _hw

RTC_MEMORY_MAX = 2048


def _date(secs: int) -> tuple[int, ...]:
    from jitvm.modules.time import _split

    year, month, mday, hour, minute, sec, wday, _ = _split(secs)
    return year, month, mday, wday, hour, minute, sec


class RTC:
    """The board's real-time clock (one per board: RTC() returns the same state)."""

    def __init__(self, id: int = 0) -> None:
        if id != 0:
            raise ValueError("invalid RTC id")

    def init(self, datetime: Any) -> None:
        self.datetime(datetime)

    def datetime(self, datetimetuple: Any = None) -> Any:
        now = _hw.now_ns()
        if datetimetuple is None:
            year, month, mday, wday, hour, minute, sec = _date(_hw.epoch_seconds(now))
            return (year, month, mday, wday, hour, minute, sec, now // 1000 % 1_000_000)
        items = tuple(datetimetuple)
        if len(items) != 8:  # mp_obj_get_array_fixed_n(..., 8)
            raise ValueError(f"requested length 8 but object has length {len(items)}")
        from jitvm.modules.time import mktime

        y, mo, d, _wd, h, mi, s = (_int(v) for v in items[:7])
        secs = mktime((y, mo, d, h, mi, s, 0, 0))
        _hw._state.epoch_offset_s = secs - now // 1_000_000_000
        return None

    def memory(self, data: Any = None) -> Any:
        store = _hw.singletons()
        if data is None:
            return bytes(store.get("rtc_memory", b""))
        buf = bytes(_hw.buffer(data))
        if len(buf) > RTC_MEMORY_MAX:
            raise ValueError("buffer too long")
        store["rtc_memory"] = buf
        return None


def _int(v: Any) -> int:
    if isinstance(v, bool) or not isinstance(v, int):
        raise TypeError(f"can't convert {_hw.type_name(v)} to int")
    return v


class WatchdogReset(_hw.ResetRequested):
    """The watchdog was not fed in time: the board resets, the run ends."""

    def __init__(self, timeout_ms: int) -> None:
        super().__init__("watchdog")
        self.timeout_ms = timeout_ms


class WDT:
    """WDT(id=0, timeout=5000): once started it cannot be stopped; feed() restarts the count."""

    def __init__(self, id: int = 0, timeout: int = 5000) -> None:
        if id != 0:
            raise ValueError()
        timeout = _int(timeout)
        if timeout <= 0:
            raise ValueError("WDT timeout too short")
        store = _hw.singletons()
        old = store.get("wdt")
        if old is not None:  # a second WDT() reconfigures the one watchdog
            old._task.cancel()
        store["wdt"] = self
        self._timeout_ms = timeout
        self._task: Any = None
        self.feed()

    def feed(self) -> None:
        if self._task is not None:
            self._task.cancel()
        deadline = _hw.get_board().clock.monotonic_ns() + self._timeout_ms * 1_000_000
        self._task = _hw.schedule_at(deadline, self._starve)

    def _starve(self, deadline_ns: int) -> None:
        raise WatchdogReset(self._timeout_ms)
