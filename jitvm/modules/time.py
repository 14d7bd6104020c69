"""Guest module `time` on the board's clock: sleeping, monotonic time, MicroPython ticks, calendar.

Virtual boards start at 2000-01-01 00:00:00; sleeping is where due machine.Timer callbacks,
Pin.irq handlers and scripted button presses happen (see ``_hw.sleep_ns``).  Calendar tuples are
MicroPython's 8-tuples or CircuitPython's ``struct_time`` depending on the run's flavour.
"""

from __future__ import annotations

from typing import Any, Self

from jitvm.interrupt import PENDING as _KI, take as _ki_take
from jitvm.modules import _hw

__all__ = [
    "gmtime",
    "localtime",
    "mktime",
    "monotonic",
    "monotonic_ns",
    "sleep",
    "sleep_ms",
    "sleep_us",
    "struct_time",
    "ticks_add",
    "ticks_cpu",
    "ticks_diff",
    "ticks_ms",
    "ticks_us",
    "time",
    "time_ns",
]

TICKS_PERIOD = 1 << 30
TICKS_MAX = TICKS_PERIOD - 1
TICKS_HALFPERIOD = TICKS_PERIOD >> 1


def _now() -> int:
    return _hw.now_ns()


# --------------------------------------------------------------------------- clocks


def time() -> int:
    """Seconds since 1970-01-01 (an int, as on boards)."""
    return _hw.epoch_seconds(_now())


def time_ns() -> int:
    """Nanoseconds since 1970-01-01."""
    return _hw.epoch_offset_s() * 1_000_000_000 + _now()


def monotonic() -> float:
    """Seconds (float) since the board started; never goes backwards."""
    return _now() / 1e9


def monotonic_ns() -> int:
    """Nanoseconds since the board started."""
    return _now()


def ticks_ms() -> int:
    """Milliseconds, wrapping at 2**30; compare with ticks_diff."""
    return (_now() // 1_000_000) & TICKS_MAX


def ticks_us() -> int:
    """Microseconds, wrapping at 2**30."""
    return (_now() // 1_000) & TICKS_MAX


def ticks_cpu() -> int:
    """CPU cycles at the board's frequency, wrapping at 2**30."""
    return (_now() * _hw.cpu_frequency() // 1_000_000_000) & TICKS_MAX


def _small_int(value: Any) -> int:
    if not isinstance(value, int):
        raise TypeError(f"can't convert {type(value).__name__} to int")
    return int(value)


def ticks_add(ticks: int, delta: int) -> int:
    """``ticks + delta`` modulo the ticks period (delta within +-2**29)."""
    ticks = _small_int(ticks)
    delta = _small_int(delta)
    if not -TICKS_HALFPERIOD < delta < TICKS_HALFPERIOD:
        raise OverflowError("ticks interval overflow")
    return (ticks + delta) & TICKS_MAX


def ticks_diff(ticks1: int, ticks2: int) -> int:
    """Signed ``ticks1 - ticks2`` in [-2**29, 2**29), allowing for wrap-around."""
    diff = (_small_int(ticks1) - _small_int(ticks2)) & TICKS_MAX
    return diff - TICKS_PERIOD if diff >= TICKS_HALFPERIOD else diff


# --------------------------------------------------------------------------- sleeping


def _sleep_ns(ns: int) -> None:
    _hw.sleep_ns(ns)
    if _KI[0]:  # a safe point: Ctrl-C during a sleep raises as the sleep ends
        _ki_take()


def sleep(seconds: float) -> None:
    """Sleep ``seconds`` (int or float) on the board clock."""
    if not isinstance(seconds, (int, float)):
        raise TypeError(f"can't convert {type(seconds).__name__} to float")
    if seconds < 0:
        # Both runtimes refuse a negative sleep, with different words.
        if _hw.flavor() == "circuitpython":
            raise ValueError("sleep length must be non-negative")
        raise ValueError("negative sleep length")
    _sleep_ns(round(seconds * 1_000_000_000))


def sleep_ms(ms: int) -> None:
    """Sleep ``ms`` milliseconds (negative: no wait)."""
    ms = _small_int(ms)
    if ms > 0:
        _sleep_ns(ms * 1_000_000)
    else:
        _hw.pause()


def sleep_us(us: int) -> None:
    """Sleep ``us`` microseconds (negative: no wait)."""
    us = _small_int(us)
    if us > 0:
        _sleep_ns(us * 1_000)
    else:
        _hw.pause()


# --------------------------------------------------------------------------- calendar

_DAYS_BEFORE_MONTH = (0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334)


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _days_from_civil(year: int, month: int, day: int) -> int:
    """Days since 1970-01-01 for a proleptic Gregorian date (month 1..12)."""
    y = year - (month <= 2)
    era = y // 400
    yoe = y - era * 400
    mp = (month + 9) % 12
    doy = (153 * mp + 2) // 5 + day - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def _civil_from_days(days: int) -> tuple[int, int, int]:
    days += 719468
    era = days // 146097
    doe = days - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    y = yoe + era * 400
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + 3 if mp < 10 else mp - 9
    return y + (m <= 2), m, d


class struct_time(tuple):
    """CircuitPython's struct_time: a 9-tuple with tm_* attribute names."""

    _FIELDS = (
        "tm_year",
        "tm_mon",
        "tm_mday",
        "tm_hour",
        "tm_min",
        "tm_sec",
        "tm_wday",
        "tm_yday",
        "tm_isdst",
    )

    def __new__(cls, time_tuple: Any) -> Self:
        values = tuple(time_tuple)
        if len(values) != 9:
            raise TypeError("time.struct_time() takes a 9-sequence")
        return super().__new__(cls, values)

    def __repr__(self) -> str:
        inner = ", ".join(f"{n}={v}" for n, v in zip(struct_time._FIELDS, self))
        return f"struct_time({inner})"

    __str__ = __repr__


def _read_only(self: struct_time, value: Any) -> None:
    raise AttributeError("can't set attribute")  # py/objnamedtuple.c


# the tm_* names are properties of the class (a __getattr__ would hide them from the guest,
# which sees only the names a jitvm class defines): adafruit_register's BCD datetime reads them
for _index, _name in enumerate(struct_time._FIELDS):
    setattr(struct_time, _name, property(lambda self, i=_index: self[i], _read_only,
                                         doc=f"{_name} field"))
del _index, _name


def _split(seconds: int) -> tuple[int, ...]:
    days, rem = divmod(seconds, 86400)
    year, month, mday = _civil_from_days(days)
    hour, rem = divmod(rem, 3600)
    minute, sec = divmod(rem, 60)
    wday = (days + 3) % 7  # 1970-01-01 was a Thursday; Monday is 0
    yday = _DAYS_BEFORE_MONTH[month - 1] + mday + (month > 2 and _is_leap(year))
    return year, month, mday, hour, minute, sec, wday, yday


def gmtime(secs: int | None = None) -> Any:
    """Broken-down UTC time: MicroPython's 8-tuple or CircuitPython's struct_time."""
    if secs is None:
        secs = time()
    fields = _split(int(secs))
    if _hw.flavor() == "circuitpython":
        return struct_time(fields + (-1,))
    return fields


def localtime(secs: int | None = None) -> Any:
    """Same as gmtime: boards have no time zone."""
    return gmtime(secs)


def mktime(t: Any) -> int:
    """Inverse of localtime; out-of-range fields are normalised (month 13 = next January)."""
    fields = tuple(t)
    if _hw.flavor() == "circuitpython" and len(fields) != 9:
        raise TypeError(f"function takes 9 positional arguments but {len(fields)} were given")
    if len(fields) not in (8, 9):
        raise TypeError("mktime needs a tuple of length 8 or 9")
    year, month, mday, hour, minute, sec = (int(v) for v in fields[:6])
    year += (month - 1) // 12
    month = (month - 1) % 12 + 1
    days = _days_from_civil(year, month, 1) + mday - 1
    return days * 86400 + hour * 3600 + minute * 60 + sec
