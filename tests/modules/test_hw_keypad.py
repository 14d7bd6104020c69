"""keypad.Keys scans pins on the virtual clock and queues press/release events."""

from __future__ import annotations

import pytest

import hal
from hal.sim.devices.basic import Button
from jitvm.modules import _hw


@pytest.fixture
def sim():
    board = hal.open_board("sim")
    _hw.set_board(board)
    _hw.set_flavor("circuitpython")
    yield board
    _hw.reset()
    board.close()


def drain(events):
    out = []
    while (e := events.get()) is not None:
        out.append(e)
    return out


def test_scripted_presses_become_events_with_timestamps(sim):
    from jitvm.modules import board, keypad, time

    Button(sim, "a", sim.pins["D2"]).schedule_press(100_000_000, 200_000_000)
    Button(sim, "b", sim.pins["D3"]).schedule_press(500_000_000, 100_000_000)
    keys = keypad.Keys((board.D2, board.D3), value_when_pressed=False, pull=True)
    assert keys.key_count == 2
    time.sleep(1.0)
    got = drain(keys.events)
    assert [(e.key_number, e.pressed) for e in got] == [
        (0, True),
        (0, False),
        (1, True),
        (1, False),
    ]
    stamps = [e.timestamp for e in got]
    assert stamps == sorted(stamps)
    # scanned every 20 ms: each event is seen within one interval of its edge
    for stamp, edge_ms in zip(stamps, (100, 300, 500, 600)):
        assert edge_ms <= stamp <= edge_ms + 21
    assert repr(got[0]) == "<Event: key_number 0 pressed>"
    assert got[1].released and got[0] == keypad.Event(0, True)


def test_busy_polling_without_sleep_still_scans(sim):
    from jitvm.modules import board, keypad

    Button(sim, "a", sim.pins["D4"]).schedule_press(30_000_000, 1_000_000_000)
    keys = keypad.Keys([board.D4], value_when_pressed=False)
    event = None
    for _ in range(200_000):
        event = keys.events.get()
        if event is not None:
            break
    assert event is not None and event.pressed and event.key_number == 0


def test_queue_overflow_and_clear(sim):
    from jitvm.modules import board, keypad, time

    button = Button(sim, "a", sim.pins["D5"])
    for i in range(5):
        button.schedule_press(100_000_000 * (i + 1), 50_000_000)
    keys = keypad.Keys([board.D5], value_when_pressed=False, max_events=3)
    time.sleep(1)
    assert keys.events.overflowed and len(keys.events) == 3
    keys.events.clear()
    assert not keys.events and not keys.events.overflowed


def test_keys_claim_pins_and_deinit_releases_them(sim):
    from jitvm.modules import board, digitalio, keypad

    with (
        keypad.Keys([board.D6], value_when_pressed=True, pull=True) as keys,
        pytest.raises(ValueError, match="D6 in use"),
    ):
        digitalio.DigitalInOut(board.D6)
    with pytest.raises(ValueError, match="deinitialized"):
        _ = keys.events
    digitalio.DigitalInOut(board.D6).deinit()


def test_reset_reports_held_keys_again(sim):
    from jitvm.modules import board, keypad, time

    Button(sim, "a", sim.pins["D7"]).schedule_press(10_000_000, 10_000_000_000)
    keys = keypad.Keys([board.D7], value_when_pressed=False)
    time.sleep(0.1)
    assert [e.pressed for e in drain(keys.events)] == [True]
    keys.reset()
    time.sleep(0.1)
    assert [e.pressed for e in drain(keys.events)] == [True]
