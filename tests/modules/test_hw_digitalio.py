"""digitalio, board and neopixel_write against a sim board: levels land in the hal trace."""

from __future__ import annotations

import itertools

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


def pin_levels(board, name):
    return [
        (e.time_ns, e.value) for e in board.trace.events if e.kind == "pin" and e.signal == name
    ]


def test_board_module_lists_every_pin_name_of_the_layout(sim):
    from jitvm.modules import board

    for name, pin in sim.pins.items():
        assert getattr(board, name) is pin
        assert name in board.__all__
    assert board.board_id == sim.board_id
    assert "I2C" in board.__all__ and "SPI" in board.__all__
    assert repr(board.LED) == "board.D13"


def test_board_module_follows_a_new_board(sim):
    from jitvm.modules import board

    other = hal.open_board("sim", layout="raspberry_pi_pico")
    try:
        _hw.set_board(other)
        assert board.board_id == other.board_id
        assert set(other.pins) <= set(board.__all__)
        assert not (set(sim.pins) - set(other.pins)) & set(board.__all__)
    finally:
        other.close()


def test_blinking_an_output_records_levels_at_virtual_times(sim):
    from jitvm.modules import board, digitalio, time

    led = digitalio.DigitalInOut(board.LED)
    led.direction = digitalio.Direction.OUTPUT
    for _ in range(2):
        led.value = True
        time.sleep(0.5)
        led.value = False
        time.sleep(0.5)
    levels = [v for _, v in pin_levels(sim, "D13") if v is not None]
    assert levels[-4:] == [1, 0, 1, 0]
    times = [t for t, v in pin_levels(sim, "D13") if v is not None][-4:]
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert all(abs(g - 500_000_000) < 100_000 for g in gaps)


def test_enum_members_print_like_circuitpython():
    from jitvm.modules import digitalio

    assert repr(digitalio.Direction.OUTPUT) == "digitalio.Direction.OUTPUT"
    assert str(digitalio.Pull.UP) == "digitalio.Pull.UP"
    assert repr(digitalio.DriveMode.OPEN_DRAIN) == "digitalio.DriveMode.OPEN_DRAIN"
    assert type(digitalio.Direction.INPUT) is digitalio.Direction
    with pytest.raises(TypeError):
        digitalio.Direction()


def test_pin_in_use_and_release_by_deinit_and_context_manager(sim):
    from jitvm.modules import board, digitalio

    first = digitalio.DigitalInOut(board.D5)
    with pytest.raises(ValueError, match="^D5 in use$"):
        digitalio.DigitalInOut(board.D5)
    first.deinit()
    with digitalio.DigitalInOut(board.D5) as second:
        second.switch_to_output(value=True)
    third = digitalio.DigitalInOut(board.D5)  # released by __exit__
    third.deinit()


def test_deinited_object_raises_circuitpython_text(sim):
    from jitvm.modules import board, digitalio

    dio = digitalio.DigitalInOut(board.D6)
    dio.deinit()
    dio.deinit()  # idempotent
    msg = "Object has been deinitialized and can no longer be used. Create a new object."
    for action in (lambda: dio.value, lambda: dio.switch_to_input(), lambda: dio.direction):
        with pytest.raises(ValueError) as info:
            action()
        assert str(info.value) == msg


def test_direction_specific_attribute_errors(sim):
    from jitvm.modules import board, digitalio

    dio = digitalio.DigitalInOut(board.D7)
    assert dio.direction is digitalio.Direction.INPUT and dio.pull is None
    with pytest.raises(AttributeError, match="Cannot set value when direction is input."):
        dio.value = True
    with pytest.raises(AttributeError, match="Drive mode not used when direction is input."):
        _ = dio.drive_mode
    dio.switch_to_output(True, digitalio.DriveMode.OPEN_DRAIN)
    assert dio.drive_mode is digitalio.DriveMode.OPEN_DRAIN
    with pytest.raises(AttributeError, match="Pull not used when direction is output."):
        _ = dio.pull
    with pytest.raises(TypeError, match="pull must be of type Pull or None, not int"):
        dio.switch_to_input(pull=1)
    with pytest.raises(TypeError, match="pin must be of type Pin, not int"):
        digitalio.DigitalInOut(13)


def test_input_reads_a_button_with_pull_up(sim):
    from jitvm.modules import board, digitalio, time

    button = Button(sim, "btn", sim.pins["D2"], active_low=True)
    button.schedule_press(100_000_000, 50_000_000)
    dio = digitalio.DigitalInOut(board.D2)
    dio.switch_to_input(pull=digitalio.Pull.UP)
    assert dio.pull is digitalio.Pull.UP
    assert dio.value is True
    time.sleep(0.12)
    assert dio.value is False
    time.sleep(0.1)
    assert dio.value is True


def test_neopixel_write_sends_the_bytes_on_the_pin(sim):
    from jitvm.modules import board, digitalio, neopixel_write

    pix = digitalio.DigitalInOut(board.NEOPIXEL)
    pix.direction = digitalio.Direction.OUTPUT
    neopixel_write.neopixel_write(pix, bytearray([1, 2, 3]))
    events = [e for e in sim.trace.events if e.kind == "neopixel"]
    assert events and bytes(events[-1].data["bytes"]) == b"\x01\x02\x03"
    with pytest.raises(TypeError):
        neopixel_write.neopixel_write(board.NEOPIXEL, b"\x00")
