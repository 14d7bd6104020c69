"""analogio, pwmio and microcontroller against the sim board."""

from __future__ import annotations

import pytest

import hal
from jitvm.modules import _hw


@pytest.fixture
def sim():
    board = hal.open_board("sim")
    _hw.set_board(board)
    _hw.set_flavor("circuitpython")
    yield board
    _hw.reset()
    board.close()


def test_analog_in_reads_16_bit_values_from_a_source(sim):
    from hal.sim.devices.basic import AnalogSource
    from jitvm.modules import analogio, board

    AnalogSource(sim, "pot", sim.pins["A1"], lambda t: 1.65)
    with analogio.AnalogIn(board.A1) as adc:
        assert abs(adc.value - 32767) < 40
        assert adc.reference_voltage == pytest.approx(3.3)
    with pytest.raises(ValueError, match="deinitialized"):
        _ = adc.value
    with pytest.raises(ValueError, match="Invalid pin"):
        analogio.AnalogIn(board.D2)


def test_analog_out_is_write_only_and_range_checked(sim):
    from jitvm.modules import analogio, board

    dac = analogio.AnalogOut(board.A0)
    dac.value = 40000
    with pytest.raises(AttributeError):
        _ = dac.value
    with pytest.raises(ValueError, match="value must be 0-65535"):
        dac.value = 70000
    dac.deinit()


def test_pwm_duty_and_frequency_rules(sim):
    from jitvm.modules import board, pwmio

    pwm = pwmio.PWMOut(board.D9, duty_cycle=1000, frequency=1000)
    assert pwm.duty_cycle == 1000 and pwm.frequency == 1000
    pwm.duty_cycle = 65535
    with pytest.raises(ValueError, match="duty_cycle must be 0-65535"):
        pwm.duty_cycle = 65536
    with pytest.raises(
        AttributeError, match="PWM frequency not writable when variable_frequency is False."
    ):
        pwm.frequency = 2000
    pwm.deinit()
    var = pwmio.PWMOut(board.D9, frequency=440, variable_frequency=True)
    var.frequency = 880
    assert var.frequency == 880
    assert [e for e in sim.trace.events if e.kind == "pwm"]


def test_microcontroller_pins_cpu_nvm_and_reset(sim):
    from jitvm.modules import board, microcontroller

    assert microcontroller.pin.GPIO13 is board.D13
    assert isinstance(board.D13, microcontroller.Pin)
    assert microcontroller.cpu.frequency > 0
    uid = microcontroller.cpu.uid
    assert isinstance(uid, bytearray) and len(uid) == 8 and uid == microcontroller.cpu.uid
    microcontroller.nvm[0:3] = b"abc"
    assert microcontroller.nvm[0:3] == b"abc" and len(microcontroller.nvm) > 0
    with pytest.raises(ValueError):
        microcontroller.nvm[0:2] = b"abc"
    with pytest.raises(_hw.ResetRequested):
        microcontroller.reset()
