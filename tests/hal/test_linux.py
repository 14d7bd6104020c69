"""Linux backend against fakes of the kernel side (the real gpiod enums, LineSettings, EdgeEvent
and smbus2.i2c_msg are used; only the calls that reach /dev are replaced), plus gpio-sim."""

import errno
import os
import uuid
from pathlib import Path

import pytest

import hal
from hal import DriveMode, Edge, HalError, Pull

gpiod = pytest.importorskip("gpiod")
smbus2 = pytest.importorskip("smbus2")
from gpiod.line import Bias, Direction, Drive, Value


class FakeChip:
    """Line levels of one chip, plus the requests made on it."""

    def __init__(self):
        self.levels = {}
        self.requests = []


class FakeLineRequest:
    """Mimics gpiod.LineRequest: get/set_value, reconfigure_lines, wait/read_edge_events, release."""

    def __init__(self, chip, config, consumer):
        self.chip, self.consumer, self.settings, self.events, self.released = (
            chip,
            consumer,
            {},
            [],
            False,
        )
        self.reconfigure_lines(config)

    def reconfigure_lines(self, config):
        for offset, s in config.items():
            self.settings[offset] = s
            if s.direction == Direction.OUTPUT:
                self.chip.levels[offset] = s.output_value == Value.ACTIVE
            elif s.bias in (Bias.PULL_UP, Bias.PULL_DOWN) and offset not in self.chip.levels:
                self.chip.levels[offset] = s.bias == Bias.PULL_UP

    def get_value(self, offset):
        return Value.ACTIVE if self.chip.levels.get(offset) else Value.INACTIVE

    def set_value(self, offset, value):
        self.chip.levels[offset] = value == Value.ACTIVE

    def wait_edge_events(self, timeout=None):
        return bool(self.events)

    def read_edge_events(self, max_events=None):
        out, self.events = self.events, []
        return out

    def release(self):
        self.released = True

    def external_edge(self, offset, level, t_ns):
        """Something outside drives the line: queue an edge event as the kernel would."""
        self.chip.levels[offset] = level
        kind = gpiod.EdgeEvent.Type.RISING_EDGE if level else gpiod.EdgeEvent.Type.FALLING_EDGE
        self.events.append(gpiod.EdgeEvent(kind.value, t_ns, offset, 1, 1))


@pytest.fixture
def fake_kernel(monkeypatch):
    chips = {"/dev/gpiochip0": FakeChip()}
    buses = {}

    def request_lines(path, config, consumer=None, event_buffer_size=None, output_values=None):
        if path not in chips:
            raise FileNotFoundError(errno.ENOENT, "No such file or directory", path)
        if path == "/dev/gpiochip0" and os.environ.get("FAKE_GPIO_EACCES"):
            raise PermissionError(errno.EACCES, "Permission denied", path)
        req = FakeLineRequest(chips[path], config, consumer)
        chips[path].requests.append(req)
        return req

    class FakeSMBus:
        def __init__(self, bus=None, force=False):
            if bus not in buses:
                raise FileNotFoundError(errno.ENOENT, "No such file or directory")
            self.devices, self.closed, self.log = buses[bus], False, []

        def i2c_rdwr(self, *msgs):
            for m in msgs:
                dev = self.devices.get(m.addr)
                if dev is None:
                    raise OSError(errno.ENXIO, "No such device or address")
                if m.flags & 1:  # I2C_M_RD
                    data = dev["regs"][dev["ptr"] : dev["ptr"] + m.len]
                    for i, b in enumerate(data):
                        m.buf[i] = bytes([b])
                else:
                    raw = bytes(m)
                    if raw:
                        dev["ptr"] = raw[0]
                self.log.append(("R" if m.flags & 1 else "W", m.addr, bytes(m)))

        def close(self):
            self.closed = True

    class FakeSpiDev:
        def __init__(self):
            self.max_speed_hz, self.mode, self.bits_per_word, self.no_cs, self.sent = (
                0,
                0,
                8,
                False,
                [],
            )

        def open(self, bus, device):
            if (bus, device) != (0, 0):
                raise FileNotFoundError(errno.ENOENT, "No such file or directory")

        def xfer2(self, data):
            self.sent.append(list(data))
            return [b ^ 0xFF for b in data]

        def writebytes2(self, data):
            self.sent.append(list(data))

        def close(self):
            pass

    import types

    monkeypatch.setattr(gpiod, "request_lines", request_lines)
    monkeypatch.setattr(smbus2, "SMBus", FakeSMBus)
    monkeypatch.setitem(
        __import__("sys").modules, "spidev", types.SimpleNamespace(SpiDev=FakeSpiDev)
    )
    return chips, buses


def test_gpio_output_input_pull_and_drive(fake_kernel):
    chips, _ = fake_kernel
    board = hal.open_board("linux", layout="raspberry_pi_linux")
    led = board.gpio(board.pins["D17"])
    led.switch_to_output(True, DriveMode.OPEN_DRAIN)
    req = chips["/dev/gpiochip0"].requests[0]
    assert req.consumer == "jitvm"
    assert (
        req.settings[17].direction == Direction.OUTPUT
        and req.settings[17].drive == Drive.OPEN_DRAIN
    )
    assert led.value is True
    led.value = False
    assert chips["/dev/gpiochip0"].levels[17] is False
    button = board.gpio(board.pins["D27"])
    button.switch_to_input(Pull.UP)
    assert chips["/dev/gpiochip0"].requests[1].settings[27].bias == Bias.PULL_UP
    assert button.value is True
    with pytest.raises(ValueError, match="D17 in use"):
        board.gpio(board.pins["D17"])
    board.close()
    assert all(r.released for r in chips["/dev/gpiochip0"].requests)


def test_edge_events_reach_callbacks_with_kernel_timestamps(fake_kernel):
    chips, _ = fake_kernel
    board = hal.open_board("linux")
    line = board.gpio(board.pins["D22"])
    seen = []
    line.on_edge(Edge.FALLING, lambda ln, t: seen.append((ln.pin.name, t)))
    req = chips["/dev/gpiochip0"].requests[0]
    assert req.settings[22].edge_detection == gpiod.line.Edge.FALLING
    req.external_edge(22, False, 123_456)
    board.clock.sleep_ns(1_000)  # sleeping dispatches pending events
    assert seen == [("D22", 123_456)]


def test_missing_or_forbidden_gpiochip_is_one_line(fake_kernel, monkeypatch):
    chips, _ = fake_kernel
    board = hal.open_board("linux")
    monkeypatch.setenv("FAKE_GPIO_EACCES", "1")
    with pytest.raises(HalError, match=r"^/dev/gpiochip0: permission denied"):
        board.gpio(board.pins["D5"])
    assert board.owner(board.pins["D5"]) is None
    del chips["/dev/gpiochip0"]
    with pytest.raises(HalError, match=r"^/dev/gpiochip0: no such device"):
        board.gpio(board.pins["D5"])


def test_i2c_via_i2c_rdwr_with_repeated_start_and_nack(fake_kernel):
    _, buses = fake_kernel
    buses[1] = {0x77: {"regs": bytes(range(256)), "ptr": 0}}
    board = hal.open_board("linux")
    i2c = board.i2c(*board.default_i2c_pins)
    buf = bytearray(2)
    i2c.writeto_then_readfrom(0x77, b"\xd0", buf)
    assert buf == b"\xd0\xd1"
    assert i2c._bus.log[-2:] == [("W", 0x77, b"\xd0"), ("R", 0x77, b"\xd0\xd1")]
    assert i2c.scan() == [0x77]
    with pytest.raises(OSError) as exc:
        i2c.writeto(0x40, b"\x00")
    assert exc.value.errno == errno.ENODEV


def test_missing_i2c_node_and_unknown_bus_pins(fake_kernel):
    board = hal.open_board("linux")
    with pytest.raises(HalError, match=r"^/dev/i2c-1: no such device"):
        board.i2c(*board.default_i2c_pins)
    assert board.owner(board.pins["SCL"]) is None
    with pytest.raises(ValueError, match="no I2C bus on pins scl=D4, sda=D5"):
        board.i2c(board.pins["D4"], board.pins["D5"])


def test_spi_through_spidev(fake_kernel):
    board = hal.open_board("linux")
    spi = board.spi(*board.default_spi_pins)
    spi.configure(baudrate=1_000_000, polarity=1, phase=0)
    assert spi.frequency == 1_000_000 and spi._dev.mode == 2 and spi._dev.no_cs
    back = bytearray(2)
    spi.write_readinto(b"\x0f\xf0", back)
    assert back == b"\xf0\x0f"
    spi.readinto(back, write_value=0xAA)
    assert spi._dev.sent[-1] == [0xAA, 0xAA]


def test_unsupported_peripherals_say_so():
    board = hal.open_board("linux")
    with pytest.raises(HalError, match="linux backend: PWM is not supported yet"):
        board.pwm(board.pins["D18"])


GPIO_SIM = Path("/sys/kernel/config/gpio-sim")


@pytest.mark.skipif(
    not GPIO_SIM.is_dir(), reason=f"kernel gpio-sim not available: {GPIO_SIM} does not exist"
)
def test_against_kernel_gpio_sim(tmp_path):
    """Create a gpio-sim chip through configfs, drive a line, read it back through sysfs."""
    name = f"jitvm-{uuid.uuid4().hex[:8]}"
    dev = GPIO_SIM / name
    try:
        (dev / "bank0").mkdir(parents=True)
    except PermissionError:
        pytest.skip(f"no permission to create {dev} (needs root)")
    try:
        (dev / "bank0" / "num_lines").write_text("4")
        (dev / "live").write_text("1")
        chip = (dev / "bank0" / "chip_name").read_text().strip()
        board_file = tmp_path / "sim.toml"
        board_file.write_text(
            f'name = "gpio-sim"\n[linux]\nchip = "/dev/{chip}"\n[pins]\nGPIO1 = ["D1"]\nGPIO2 = ["D2"]\n'
        )
        board = hal.open_board("linux", layout=str(board_file))
        out = board.gpio(board.pins["D1"])
        out.switch_to_output(True)
        dev_name = (dev / "dev_name").read_text().strip()
        value = Path(f"/sys/devices/platform/{dev_name}/{chip}/sim_gpio1/value")
        assert value.read_text().strip() == "1"
        inp = board.gpio(board.pins["D2"])
        inp.switch_to_input(Pull.UP)
        assert inp.value is True
        board.close()
    finally:
        (dev / "live").write_text("0")
        (dev / "bank0").rmdir()
        dev.rmdir()
