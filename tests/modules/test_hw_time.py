"""The `time` guest module on the virtual clock: sleeps, ticks arithmetic, calendar tuples."""

from __future__ import annotations

import pytest

import hal
from jitvm.modules import _hw
from jitvm.modules import time as gtime


@pytest.fixture
def sim():
    board = hal.open_board("sim")
    _hw.set_board(board)
    _hw.set_flavor("micropython")
    yield board
    _hw.reset()
    board.close()


def test_sleep_moves_virtual_time_not_wall_time(sim):
    start = gtime.monotonic_ns()
    gtime.sleep(3600)
    assert 3600 * 10**9 <= gtime.monotonic_ns() - start < 3600 * 10**9 + 10**6
    t0 = gtime.ticks_ms()
    gtime.sleep_ms(250)
    assert 250 <= gtime.ticks_diff(gtime.ticks_ms(), t0) <= 251
    u0 = gtime.ticks_us()
    gtime.sleep_us(40)
    assert 40 <= gtime.ticks_diff(gtime.ticks_us(), u0) < 60


def test_negative_sleep_is_refused_with_each_flavours_text(sim):
    with pytest.raises(ValueError, match="negative sleep length"):
        gtime.sleep(-1)
    _hw.set_flavor("circuitpython")
    with pytest.raises(ValueError, match="sleep length must be non-negative"):
        gtime.sleep(-0.5)
    gtime.sleep_ms(-5)  # MicroPython: a negative ms sleep returns at once


@pytest.mark.parametrize(
    "a,b",
    [(5, 3), (3, 5), (0, 2**30 - 1), (2**30 - 1, 0), (2**29, 0), (0, 2**29), (123, 123)],
)
def test_ticks_diff_is_signed_and_wraps_at_2_pow_30(a, b):
    d = gtime.ticks_diff(a, b)
    assert -(2**29) <= d < 2**29
    assert (b + d) % 2**30 == a
    assert gtime.ticks_add(b, d) == a if d != -(2**29) else True


def test_ticks_add_wraps_and_refuses_half_period_deltas():
    assert gtime.ticks_add(2**30 - 1, 1) == 0
    assert gtime.ticks_add(0, -1) == 2**30 - 1
    with pytest.raises(OverflowError, match="ticks interval overflow"):
        gtime.ticks_add(0, 2**29)
    with pytest.raises(TypeError):
        gtime.ticks_diff(1.5, 1)


def test_board_calendar_starts_at_2000_and_follows_the_clock(sim):
    assert gtime.time() == 946684800
    gtime.sleep(86400 + 3661)
    assert gtime.localtime() == (2000, 1, 2, 1, 1, 1, 6, 2)
    assert gtime.gmtime(0) == (1970, 1, 1, 0, 0, 0, 3, 1)


def test_mktime_inverts_gmtime_and_normalises_fields():
    for secs in (0, 951782400, 1_700_000_000, 4_102_444_800 + 86399, 68_256_000):
        assert gtime.mktime(gtime.gmtime(secs)) == secs
    # Month 13 is January of the next year (MicroPython normalises; checked on micropython 1.29).
    assert gtime.mktime((2000, 13, 1, 0, 0, 0, 0, 0)) == 978307200
    assert gtime.gmtime(951782400)[:3] == (2000, 2, 29)


def test_circuitpython_flavour_returns_struct_time(sim):
    _hw.set_flavor("circuitpython")
    t = gtime.localtime(0)
    assert t.tm_year == 1970 and t.tm_wday == 3 and t.tm_isdst == -1 and len(t) == 9
    assert gtime.mktime(t) == 0
    with pytest.raises(TypeError):
        gtime.mktime((1970, 1, 1, 0, 0, 0, 0, 0))


def test_time_ns_and_monotonic_agree(sim):
    gtime.sleep(2)
    ns = gtime.time_ns()
    assert ns // 10**9 == gtime.time()
    assert abs(gtime.monotonic() - 2.0) < 1e-3
