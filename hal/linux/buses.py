"""I2C through i2c-dev (smbus2's i2c_rdwr) and SPI through spidev."""

from __future__ import annotations

import errno
from typing import TYPE_CHECKING

from hal.api import I2CBus, Pin, SPIBus
from hal.linux.errors import import_backend_module, node_error
from hal.linux.gpio import LinuxPeripheral

if TYPE_CHECKING:
    from hal.linux.board import LinuxBoard


def _span(buffer, start: int, end: int | None) -> memoryview:
    return memoryview(buffer).cast("B")[start:end]


def _nack(exc: OSError) -> OSError:
    # The kernel reports an unacknowledged address as ENXIO (Documentation/i2c/fault-codes);
    # busio reports it as ENODEV.  Everything else on the wire is an I/O error.
    if exc.errno == errno.ENXIO:
        return OSError(errno.ENODEV, "No such device")
    if exc.errno == errno.ETIMEDOUT:
        return OSError(errno.ETIMEDOUT, "Connection timed out")
    return OSError(errno.EIO, "Input/output error")


class LinuxI2CBus(LinuxPeripheral, I2CBus):
    """``/dev/i2c-N``; the bus clock is set by the kernel (device tree), not here."""

    def __init__(self, board: LinuxBoard, scl: Pin, sda: Pin, frequency: int, bus: int) -> None:
        super().__init__(board, [scl, sda])
        self.frequency = frequency
        self.node = f"/dev/i2c-{bus}"
        self._smbus2 = import_backend_module("smbus2")
        try:
            self._bus = self._smbus2.SMBus(bus)
        except OSError as exc:
            self.deinit()
            raise node_error(self.node, exc) from None

    def _rdwr(self, *msgs) -> None:
        try:
            self._bus.i2c_rdwr(*msgs)
        except OSError as exc:
            raise _nack(exc) from None

    def scan(self) -> list[int]:
        self._check()
        found = []
        for addr in range(0x08, 0x78):
            try:
                # A one-byte read probes without writing anything (like i2cdetect -r).
                self._rdwr(self._smbus2.i2c_msg.read(addr, 1))
            except OSError:
                continue
            found.append(addr)
        return found

    def writeto(
        self, address: int, buffer, *, start: int = 0, end: int | None = None, stop: bool = True
    ) -> None:
        self._check()
        data = bytes(_span(buffer, start, end))
        self._rdwr(self._smbus2.i2c_msg.write(address, data))
        self._board.trace.record("i2c", self.node, f"W {address:02X}: {data.hex(' ')}")

    def readfrom_into(
        self, address: int, buffer, *, start: int = 0, end: int | None = None, stop: bool = True
    ) -> None:
        self._check()
        view = _span(buffer, start, end)
        msg = self._smbus2.i2c_msg.read(address, len(view))
        self._rdwr(msg)
        view[:] = bytes(list(msg))
        self._board.trace.record("i2c", self.node, f"R {address:02X}: {bytes(view).hex(' ')}")

    def writeto_then_readfrom(
        self, address: int, out_buffer, in_buffer, *, out_start: int = 0, out_end: int | None = None,
        in_start: int = 0, in_end: int | None = None,
    ) -> None:  # fmt: skip
        self._check()
        data = bytes(_span(out_buffer, out_start, out_end))
        view = _span(in_buffer, in_start, in_end)
        w = self._smbus2.i2c_msg.write(address, data)
        r = self._smbus2.i2c_msg.read(address, len(view))
        self._rdwr(w, r)  # one ioctl: repeated start between the messages
        view[:] = bytes(list(r))
        self._board.trace.record(
            "i2c", self.node, f"W {address:02X}: {data.hex(' ')} | R {bytes(view).hex(' ')}"
        )

    def _on_deinit(self) -> None:
        bus = getattr(self, "_bus", None)
        if bus is not None:
            bus.close()


class LinuxSPIBus(LinuxPeripheral, SPIBus):
    """``/dev/spidevB.D`` with the kernel's chip select turned off when possible (``no_cs``):
    chip select is an ordinary GPIO line, as in busio."""

    def __init__(self, board: LinuxBoard, pins: list[Pin], bus: int, device: int) -> None:
        super().__init__(board, pins)
        self.node = f"/dev/spidev{bus}.{device}"
        spidev = import_backend_module("spidev")
        self._dev = spidev.SpiDev()
        try:
            self._dev.open(bus, device)
        except OSError as exc:
            self.deinit()
            raise node_error(self.node, exc) from None
        try:
            self._dev.no_cs = True
        except OSError:
            pass  # controllers without SPI_NO_CS keep toggling their CE pin; harmless
        self.configure()

    def configure(
        self, *, baudrate: int = 100_000, polarity: int = 0, phase: int = 0, bits: int = 8
    ) -> None:
        self._check()
        if polarity not in (0, 1) or phase not in (0, 1):
            raise ValueError("polarity and phase must be 0 or 1")
        self._dev.max_speed_hz = int(baudrate)
        self._dev.mode = (polarity << 1) | phase
        self._dev.bits_per_word = bits

    @property
    def frequency(self) -> int:
        return int(self._dev.max_speed_hz)

    def write(self, buffer, *, start: int = 0, end: int | None = None) -> None:
        self._check()
        self._dev.writebytes2(bytes(_span(buffer, start, end)))

    def readinto(
        self, buffer, *, start: int = 0, end: int | None = None, write_value: int = 0
    ) -> None:
        self._check()
        view = _span(buffer, start, end)
        view[:] = bytes(self._dev.xfer2([write_value & 0xFF] * len(view)))

    def write_readinto(
        self, out_buffer, in_buffer, *, out_start: int = 0, out_end: int | None = None,
        in_start: int = 0, in_end: int | None = None,
    ) -> None:  # fmt: skip
        self._check()
        out = bytes(_span(out_buffer, out_start, out_end))
        view = _span(in_buffer, in_start, in_end)
        if len(out) != len(view):
            raise ValueError("buffer slices must be of equal length")
        view[:] = bytes(self._dev.xfer2(list(out)))

    def _on_deinit(self) -> None:
        dev = getattr(self, "_dev", None)
        if dev is not None:
            dev.close()
