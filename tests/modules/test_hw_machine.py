"""machine (MicroPython) on the sim board: Pin modes and IRQs, I2C errors, PWM, ADC, Timer."""

from __future__ import annotations

import pytest

import hal
from hal.sim.devices.base import RegisterI2CTarget
from hal.sim.devices.basic import Button
from jitvm.modules import _hw


class Registers(RegisterI2CTarget):
    def __init__(self, board, name):
        super().__init__(board, name)
        self.regs = bytearray(256)

    def read_register(self, reg):
        return self.regs[reg]

    def write_register(self, reg, value):
        self.regs[reg] = value


@pytest.fixture
def sim():
    board = hal.open_board("sim")
    _hw.set_board(board)
    _hw.set_flavor("micropython")
    yield board
    _hw.reset()
    board.close()


def test_pin_is_shared_and_drives_levels(sim):
    from jitvm.modules import machine, time

    led = machine.Pin(13, machine.Pin.OUT)
    assert machine.Pin(13) is led and machine.Pin("LED") is led
    led.on()
    time.sleep_ms(10)
    led.toggle()
    time.sleep_ms(10)
    led.value(1)
    led(0)
    levels = [
        e.value
        for e in sim.trace.events
        if e.kind == "pin" and e.signal == "D13" and e.value is not None
    ]
    assert levels[-4:] == [1, 0, 1, 0]
    assert repr(led) == "Pin(GPIO13, mode=OUT)"
    with pytest.raises(ValueError, match="invalid pin"):
        machine.Pin(99)


def test_input_with_pull_and_latch_applied_on_switch_to_output(sim):
    from jitvm.modules import machine

    p = machine.Pin(4, machine.Pin.IN, machine.Pin.PULL_UP)
    assert p.value() == 1 and p.pull() == machine.Pin.PULL_UP
    p.value(0)  # latched, not driven while an input
    assert p.value() == 1
    p.init(machine.Pin.OUT)
    assert p.value() == 0 and p.mode() == machine.Pin.OUT


def test_irq_handler_runs_at_the_press_while_sleeping(sim):
    from jitvm.modules import machine, time

    Button(sim, "btn", sim.pins["D2"]).schedule_press(200_000_000, 100_000_000)
    seen = []

    def handler(pin):
        seen.append((time.ticks_ms(), pin.value()))

    btn = machine.Pin(2, machine.Pin.IN, machine.Pin.PULL_UP)
    irq = btn.irq(handler, machine.Pin.IRQ_FALLING)
    time.sleep(1)
    assert len(seen) == 1
    t_ms, level = seen[0]
    assert 200 <= t_ms <= 202 and level == 0
    assert irq.flags() & machine.Pin.IRQ_FALLING
    btn.irq(None)
    Button(sim, "btn2", sim.pins["D3"])  # unrelated device: no spurious calls
    time.sleep(0.5)
    assert len(seen) == 1


def test_irq_handler_exception_is_reported_and_run_continues(sim):
    from jitvm.modules import machine, time

    Button(sim, "btn", sim.pins["D2"]).schedule_press(10_000_000, 10_000_000)
    reported = []
    _hw.set_exception_reporter(reported.append)
    try:
        btn = machine.Pin(2, machine.Pin.IN, machine.Pin.PULL_UP)
        btn.irq(lambda p: 1 / 0, machine.Pin.IRQ_RISING | machine.Pin.IRQ_FALLING)
        time.sleep(0.1)
    finally:
        _hw.set_exception_reporter(_hw._default_reporter)
    assert [type(e) for e in reported] == [ZeroDivisionError, ZeroDivisionError]


def test_i2c_mem_access_and_nack_errno(sim):
    from jitvm.modules import machine

    scl, sda = sim.default_i2c_pins
    dev = Registers(sim, "regs")
    sim.attach_i2c(scl, sda, 0x3C, dev)
    i2c = machine.I2C(0)
    assert i2c.scan() == [0x3C]
    i2c.writeto_mem(0x3C, 0x10, b"\x01\x02")
    assert i2c.readfrom_mem(0x3C, 0x10, 2) == b"\x01\x02"
    assert i2c.writeto(0x3C, b"\x20\x07") == 2
    buf = bytearray(1)
    i2c.readfrom_mem_into(0x3C, 0x20, buf)
    assert buf == b"\x07"
    with pytest.raises(OSError) as info:
        i2c.readfrom(0x50, 1)
    assert info.value.errno == 19 and str(info.value) == "[Errno 19] ENODEV"
    with pytest.raises(ValueError, match="invalid addrsize"):
        i2c.readfrom_mem(0x3C, 0, 1, addrsize=12)
    soft = machine.SoftI2C(scl=machine.Pin(10), sda=machine.Pin(11))
    assert soft.scan() == []


def test_pwm_takes_the_pin_over_and_sets_duty(sim):
    from jitvm.modules import machine

    pin = machine.Pin(15, machine.Pin.OUT)
    pwm = machine.PWM(pin, freq=1000, duty_u16=32768)
    assert pwm.freq() == 1000 and pwm.duty_u16() == 32768
    pwm.duty_ns(250_000)
    assert abs(pwm.duty_u16() - 16384) <= 1
    pwm.deinit()
    pwm_events = [e for e in sim.trace.events if e.kind == "pwm"]
    assert pwm_events


def test_adc_reads_u16_and_rejects_digital_pins(sim):
    from hal.sim.devices.basic import AnalogSource
    from jitvm.modules import machine

    AnalogSource(sim, "pot", sim.pins["A0"], lambda t: 3.3)
    adc = machine.ADC(machine.Pin(26))
    assert adc.read_u16() > 65000
    assert machine.ADC(0).read_u16() > 65000
    assert 0 < machine.ADC(4).read_u16() < 65535
    with pytest.raises(ValueError):
        machine.ADC(machine.Pin(2))


def test_timers_fire_on_virtual_time(sim):
    from jitvm.modules import machine, time

    ticks = []
    once = []
    periodic = machine.Timer(
        period=100, mode=machine.Timer.PERIODIC, callback=lambda t: ticks.append(time.ticks_ms())
    )
    machine.Timer(-1, mode=machine.Timer.ONE_SHOT, period=250, callback=lambda t: once.append(t))
    time.sleep(1.05)
    assert len(ticks) == 10 and len(once) == 1
    assert all(abs(t - 100 * (i + 1)) <= 2 for i, t in enumerate(ticks))
    periodic.deinit()
    time.sleep(1)
    assert len(ticks) == 10


def test_timer_fires_while_the_guest_polls_the_clock(sim):
    from jitvm.modules import machine, time

    fired = []
    machine.Timer(freq=100, callback=fired.append)
    start = time.ticks_ms()
    while time.ticks_diff(time.ticks_ms(), start) < 50:
        pass
    assert 4 <= len(fired) <= 5


def test_reset_and_board_functions(sim):
    from jitvm.modules import machine

    assert machine.freq() > 0
    machine.freq(48_000_000)
    assert machine.freq() == 48_000_000
    assert isinstance(machine.unique_id(), bytes) and len(machine.unique_id()) == 8
    with pytest.raises(_hw.ResetRequested):
        machine.reset()
    assert not isinstance(_hw.ResetRequested(), Exception)
    machine.idle()


def test_time_pulse_us_measures_a_pulse_on_the_virtual_clock(sim):
    """machine.time_pulse_us (an HC-SR04 echo, a PWM input): -2 when the level never comes,
    -1 when it never ends, else the pulse's length to within the reads' cost (1 µs each)."""
    from hal.api import Pull
    from jitvm.modules import machine

    Button(sim, "echo", sim.pins["D2"], active_low=False, pull=Pull.DOWN).schedule_press(
        2_000_000, 580_000)  # high from 2 ms for 580 µs
    pin = machine.Pin("D2", machine.Pin.IN)
    assert machine.time_pulse_us(pin, 1, 1000) == -2  # 1 ms: before the pulse
    width = machine.time_pulse_us(pin, 1, 10_000)
    assert 575 <= width <= 585, width
    assert machine.time_pulse_us(pin, 0, 500) == -1  # low from now on: it never ends
