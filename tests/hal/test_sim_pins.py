"""Sim board: pins and aliases, claims, GPIO levels and pulls, edge callbacks, the virtual clock."""

import pytest

import hal
from hal import DeinitializedError, Direction, DriveMode, Edge, HalError, Pull


@pytest.fixture
def pico():
    board = hal.open_board("sim", layout="raspberry_pi_pico")
    yield board
    board.close()


def test_aliases_are_one_pin_object(pico):
    assert pico.pins["LED"] is pico.pins["GP25"]
    assert pico.pins["A0"] is pico.pins["GP26"] is pico.pins["GP26_A0"]
    assert pico.pin(25) is pico.pins["LED"]
    assert pico.default_i2c_pins == (pico.pins["GP5"], pico.pins["GP4"])


def test_feather_layout_has_real_names():
    board = hal.open_board(layout="adafruit_feather_rp2040")
    assert board.pins["LED"] is board.pins["D13"]
    assert board.pins["NEOPIXEL"].number == 16
    assert board.pins["TX"] is board.pins["D1"] and board.pins["TX"].number == 0
    assert board.default_spi_pins == tuple(board.pins[n] for n in ("SCK", "MOSI", "MISO"))


def test_unknown_layout_and_backend_are_hal_errors():
    with pytest.raises(HalError, match="unknown board layout 'nope'"):
        hal.open_board(layout="nope")
    with pytest.raises(HalError, match="unknown board backend"):
        hal.open_board("esp32")


def test_claiming_a_claimed_pin_raises_like_circuitpython(pico):
    line = pico.gpio(pico.pins["GP25"])
    with pytest.raises(ValueError, match="^LED in use$"):
        pico.gpio(pico.pins["LED"])
    line.deinit()
    pico.gpio(pico.pins["LED"])  # free again after deinit


def test_failed_multi_pin_claim_releases_what_it_took(pico):
    pico.gpio(pico.pins["GP4"])
    with pytest.raises(ValueError, match="GP4 in use"):
        pico.i2c(pico.pins["GP5"], pico.pins["GP4"])
    assert pico.owner(pico.pins["GP5"]) is None


def test_use_after_deinit_raises(pico):
    line = pico.gpio(pico.pins["GP2"])
    line.deinit()
    with pytest.raises(DeinitializedError, match="deinitialized"):
        _ = line.value


def test_output_levels_and_input_pulls(pico):
    out = pico.gpio(pico.pins["GP2"])
    assert out.direction is Direction.INPUT and out.pull is None
    out.switch_to_output(True)
    assert out.value is True
    out.value = False
    assert out.value is False
    inp = pico.gpio(pico.pins["GP3"])
    inp.switch_to_input(Pull.UP)
    assert inp.value is True
    inp.pull = Pull.DOWN
    assert inp.value is False
    with pytest.raises(HalError, match="GP3 is an input"):
        inp.value = True


def test_open_drain_high_lets_the_pull_decide(pico):
    line = pico.gpio(pico.pins["GP6"])
    line.switch_to_output(False, DriveMode.OPEN_DRAIN)
    assert line.value is False
    line.value = True  # released: floats, keeps its last level, no pull on an output
    assert pico.net(pico.pins["GP6"]).level is None


def test_edge_callbacks_get_line_and_virtual_time(pico):
    out = pico.gpio(pico.pins["GP7"])
    out.switch_to_output(False)
    seen = []
    out.on_edge(Edge.RISING, lambda line, t: seen.append((line.pin.name, line.value, t)))
    pico.clock.sleep_ns(1_000)
    out.value = True
    pico.clock.sleep_ns(1_000)
    out.value = False
    out.value = True
    assert [(n, v) for n, v, _ in seen] == [("GP7", True), ("GP7", True)]
    assert seen[0][2] == 1_000
    out.on_edge(None)
    out.value = False
    out.value = True
    assert len(seen) == 2


def test_falling_and_both_edges_from_a_scheduled_button():
    board = hal.open_board(layout="raspberry_pi_pico")
    from hal.sim.devices.basic import Button

    button = Button(board, "b", board.pins["GP15"], active_low=True)
    button.schedule_press(2_000_000, 500_000)
    line = board.gpio(board.pins["GP15"])
    line.switch_to_input(Pull.UP)
    falls, both = [], []
    line.on_edge(Edge.FALLING, lambda ln, t: falls.append(t))
    board.clock.sleep_ns(10_000_000)
    assert falls == [2_000_000]
    line.on_edge(Edge.BOTH, lambda ln, t: both.append((t, ln.value)))
    button.schedule_press(20_000_000, 1_000)
    board.clock.sleep_ns(20_000_000)
    assert both == [(20_000_000, False), (20_001_000, True)]


def test_virtual_clock_sleeps_instantly_and_ticks_wrap():
    board = hal.open_board()
    clock = board.clock
    t0 = clock.monotonic_ns()
    clock.sleep(3600.0)  # an hour of virtual time, at once
    assert clock.monotonic_ns() - t0 >= 3600 * 10**9
    assert 0 <= clock.ticks_ms() < 2**30 and 0 <= clock.ticks_us() < 2**30
    with pytest.raises(ValueError):
        clock.sleep_ns(-1)


def test_busy_wait_on_the_clock_terminates():
    clock = hal.open_board().clock
    deadline = clock.monotonic_ns() + 5_000_000
    n = 0
    while clock.monotonic_ns() < deadline:
        n += 1
    assert n <= 5_000  # each read costs 1 µs of virtual time


def test_events_run_in_time_order_even_when_scheduled_out_of_order():
    clock = hal.open_board().clock
    order = []
    clock.call_at(300, lambda: order.append(("c", clock.now())))
    clock.call_at(100, lambda: order.append(("a", clock.now())))
    clock.call_at(200, lambda: order.append(("b", clock.now())))
    clock.sleep_ns(250)
    assert order == [("a", 100), ("b", 200)]
    assert clock.now() == 250


def test_close_releases_everything(pico):
    pico.gpio(pico.pins["GP2"])
    pico.i2c(*pico.default_i2c_pins)
    pico.close()
    assert all(pico.owner(p) is None for p in pico.pins.values())
