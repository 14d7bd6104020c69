"""busio I2C/SPI/UART and board.I2C() against sim devices: locking, slicing, errors, trace."""

from __future__ import annotations

import pytest

import hal
from hal.sim.devices.base import RegisterI2CTarget
from jitvm.modules import _hw


class Registers(RegisterI2CTarget):
    """A 256-byte register file: reads return what was written."""

    def __init__(self, board, name):
        super().__init__(board, name)
        self.regs = bytearray(range(256))

    def read_register(self, reg):
        return self.regs[reg]

    def write_register(self, reg, value):
        self.regs[reg] = value


@pytest.fixture
def sim():
    board = hal.open_board("sim")
    _hw.set_board(board)
    _hw.set_flavor("circuitpython")
    scl, sda = board.default_i2c_pins
    dev = Registers(board, "regs")
    board.attach_i2c(scl, sda, 0x42, dev)
    board.regs = dev
    yield board
    _hw.reset()
    board.close()


def test_i2c_needs_the_lock(sim):
    from jitvm.modules import board

    i2c = board.I2C()
    for call in (
        i2c.scan,
        lambda: i2c.writeto(0x42, b"\x00"),
        lambda: i2c.readfrom_into(0x42, bytearray(1)),
    ):
        with pytest.raises(RuntimeError) as info:
            call()
        assert str(info.value) == "Function requires lock"
    assert i2c.try_lock() is True
    assert i2c.try_lock() is False
    assert i2c.scan() == [0x42]
    i2c.unlock()


def test_board_i2c_is_a_singleton_until_deinit(sim):
    from jitvm.modules import board

    first = board.I2C()
    assert board.I2C() is first
    first.deinit()
    second = board.I2C()
    assert second is not first
    with pytest.raises(ValueError, match="SCL in use|D22 in use"):
        from jitvm.modules import busio

        busio.I2C(board.SCL, board.SDA)


def test_register_write_then_read_with_slices(sim):
    from jitvm.modules import board

    i2c = board.I2C()
    assert i2c.try_lock()
    i2c.writeto(0x42, bytearray([0xFF, 0x10, 0xAA, 0xBB, 0xFF]), start=1, end=-1)
    assert sim.regs.regs[0x10:0x12] == b"\xaa\xbb"
    buf = bytearray(6)
    i2c.writeto_then_readfrom(0x42, bytes([0x00, 0x10]), buf, out_start=1, in_start=2, in_end=4)
    assert buf == bytearray([0, 0, 0xAA, 0xBB, 0, 0])
    i2c.readfrom_into(0x42, buf, start=4)
    assert buf[4:] == bytes([0x12, 0x13])
    transactions = [e for e in sim.trace.events if e.kind == "i2c"]
    assert len(transactions) >= 3


def test_i2c_errors_match_circuitpython(sim):
    from jitvm.modules import board

    i2c = board.I2C()
    i2c.try_lock()
    with pytest.raises(OSError) as info:
        i2c.writeto(0x50, b"\x00")
    assert info.value.errno == 19
    with pytest.raises(ValueError, match="^buffer length must be >= 1$"):
        i2c.readfrom_into(0x42, bytearray(4), start=4)
    with pytest.raises(ValueError, match="^out_buffer length must be >= 1$"):
        i2c.writeto_then_readfrom(0x42, b"\x00", bytearray(0))
    assert i2c.probe(0x42) is True and i2c.probe(0x43) is False
    i2c.deinit()
    with pytest.raises(ValueError, match="deinitialized"):
        i2c.try_lock()


def test_spi_lock_configure_and_transfers(sim):
    from jitvm.modules import board

    spi = board.SPI()
    with pytest.raises(RuntimeError, match="Function requires lock"):
        spi.configure(baudrate=1_000_000)
    assert spi.try_lock()
    spi.configure(baudrate=1_000_000, polarity=1, phase=1)
    assert spi.frequency > 0
    with pytest.raises(ValueError, match="^polarity must be 0-1$"):
        spi.configure(polarity=2)
    spi.write(b"\x01\x02\x03", start=1)
    inbuf = bytearray(2)
    spi.readinto(inbuf, write_value=0xFF)
    with pytest.raises(ValueError, match="buffer slices must be of equal length"):
        spi.write_readinto(b"\x00\x00", bytearray(3))
    spi.write_readinto(b"\x00\x00", bytearray(3), in_end=2)
    spi.unlock()
    events = [e for e in sim.trace.events if e.kind == "spi"]
    assert events, "SPI traffic is traced"


def test_uart_loopback_free_api(sim):
    from jitvm.modules import board, busio

    uart = busio.UART(board.TX, board.RX, baudrate=115200, timeout=0.01)
    assert uart.baudrate == 115200
    assert uart.write(b"hello") == 5
    assert uart.in_waiting == 0
    assert uart.read(4) is None
    uart.deinit()
    with pytest.raises(ValueError, match="deinitialized"):
        uart.write(b"x")
    with pytest.raises(TypeError):
        busio.UART(board.TX, board.RX, parity=1)
