"""Simulated I2C and SPI controllers: they move bytes to the virtual devices attached to their pins."""

from __future__ import annotations

import errno
from typing import TYPE_CHECKING

from hal.api import I2CBus, Pin, SPIBus
from hal.sim.gpio import SimPeripheral

if TYPE_CHECKING:
    from hal.sim.board import SimBoard


def _span(buffer, start: int, end: int | None) -> memoryview:
    return memoryview(buffer).cast("B")[start:end]


def _hex(data) -> str:
    return bytes(data).hex(" ").upper()  # "0A FF ...", at C speed (display frames are 100 kB)


class SimI2CBus(SimPeripheral, I2CBus):
    """An I2C controller.  Each transaction costs its bit time at ``frequency`` in virtual time."""

    def __init__(self, board: SimBoard, scl: Pin, sda: Pin, frequency: int) -> None:
        if frequency <= 0:
            raise ValueError("frequency must be positive")
        super().__init__(board, [scl, sda])
        self.scl, self.sda = scl, sda
        self.frequency = int(frequency)
        self.signal = f"i2c.{scl.name}.{sda.name}"
        # Idle bus lines are pulled high.
        for p in (scl, sda):
            board.net(p).set_mcu(output=False, pull=None)
            board.net(p).pull_external(self, board.PULL_UP)

    def _targets(self) -> dict:
        return self._board.i2c_targets.get((self.scl, self.sda), {})

    def _spend(self, nbytes: int) -> None:
        # address byte + data bytes at 9 clocks each (8 bits + ack), + about 2 for start/stop
        self._board.clock.advance_ns(((nbytes + 1) * 9 + 2) * 1_000_000_000 // self.frequency)

    def _start(self, address: int, read: bool):
        if not 0 <= address <= 0x7F:
            raise ValueError("address out of range")
        dev = self._targets().get(address)
        if dev is None or not dev.i2c_start(read):
            if dev is not None:
                dev.i2c_stop()
            return None
        return dev

    def scan(self) -> list[int]:
        self._check()
        found = []
        for addr in range(0x08, 0x78):
            dev = self._start(addr, False)
            self._spend(0)
            if dev is not None:
                dev.i2c_stop()
                found.append(addr)
        self._board.trace.record(
            "i2c", self.signal, f"scan {[hex(a) for a in found]}", {"found": found}
        )
        return found

    def _write(self, address: int, data, stop: bool, label: list[str]) -> None:
        dev = self._start(address, False)
        self._spend(len(data))
        label.append(f"W {address:02X}: {_hex(data)}".rstrip())
        if dev is None:
            label.append("NACK")
            raise OSError(errno.ENODEV, "No such device")
        for i, b in enumerate(data):
            if not dev.i2c_write(b):
                dev.i2c_stop()
                label.append(f"NACK@{i}")
                raise OSError(errno.EIO, "Input/output error")
        if stop:
            dev.i2c_stop()

    def _read(self, address: int, view: memoryview, label: list[str]) -> None:
        dev = self._start(address, True)
        self._spend(len(view))
        if dev is None:
            label.append(f"R {address:02X}: NACK")
            raise OSError(errno.ENODEV, "No such device")
        for i in range(len(view)):
            view[i] = dev.i2c_read() & 0xFF
        dev.i2c_stop()
        label.append(f"R {address:02X}: {_hex(view)}".rstrip())

    def _run(self, address: int, steps) -> None:
        label: list[str] = []
        try:
            steps(label)
        finally:
            self._board.trace.record("i2c", self.signal, " | ".join(label), {"address": address})

    def writeto(
        self, address: int, buffer, *, start: int = 0, end: int | None = None, stop: bool = True
    ) -> None:
        self._check()
        data = bytes(_span(buffer, start, end))
        self._run(address, lambda label: self._write(address, data, stop, label))

    def readfrom_into(
        self, address: int, buffer, *, start: int = 0, end: int | None = None, stop: bool = True
    ) -> None:
        self._check()
        view = _span(buffer, start, end)
        self._run(address, lambda label: self._read(address, view, label))

    def writeto_then_readfrom(
        self,
        address: int,
        out_buffer,
        in_buffer,
        *,
        out_start: int = 0,
        out_end: int | None = None,
        in_start: int = 0,
        in_end: int | None = None,
    ) -> None:
        self._check()
        data = bytes(_span(out_buffer, out_start, out_end))
        view = _span(in_buffer, in_start, in_end)

        def steps(label: list[str]) -> None:
            self._write(address, data, False, label)
            self._read(address, view, label)

        self._run(address, steps)

    def _on_deinit(self) -> None:
        for p in (self.scl, self.sda):
            self._board.net(p).pull_external(self, None)


class SimSPIBus(SimPeripheral, SPIBus):
    """An SPI controller.  Bytes go to devices on this SCK whose chip-select line is low."""

    def __init__(self, board: SimBoard, sck: Pin, mosi: Pin | None, miso: Pin | None) -> None:
        super().__init__(board, [p for p in (sck, mosi, miso) if p is not None])
        self.sck, self.mosi, self.miso = sck, mosi, miso
        self.signal = f"spi.{sck.name}"
        self._baudrate = 250_000
        self.polarity = 0
        self.phase = 0
        self.bits = 8

    def configure(
        self, *, baudrate: int = 100_000, polarity: int = 0, phase: int = 0, bits: int = 8
    ) -> None:
        self._check()
        if polarity not in (0, 1) or phase not in (0, 1):
            raise ValueError("polarity and phase must be 0 or 1")
        if bits not in (8, 16):
            raise ValueError("bits must be 8 or 16")
        if baudrate <= 0:
            raise ValueError("baudrate must be positive")
        self._baudrate, self.polarity, self.phase, self.bits = int(baudrate), polarity, phase, bits

    @property
    def frequency(self) -> int:
        return self._baudrate

    def _exchange(self, out: bytes) -> bytes:
        selected = [d for d in self._board.spi_targets.get(self.sck, []) if d.spi_selected()]
        if len(selected) > 1:
            self._board.trace.record("note", self.signal, "several chip selects low")
        self._board.clock.advance_ns(len(out) * 8 * 1_000_000_000 // self._baudrate)
        replies = [d.spi_transfer(out, self.polarity, self.phase) for d in selected]
        # An unselected bus floats: MISO reads as 1s.
        return replies[0] if replies else b"\xff" * len(out)

    def _record(self, out: bytes, back: bytes | None) -> None:
        text = f"W {_hex(out)}" if back is None else f"W {_hex(out)} R {_hex(back)}"
        self._board.trace.record("spi", self.signal, text, {"baudrate": self._baudrate})

    def write(self, buffer, *, start: int = 0, end: int | None = None) -> None:
        self._check()
        out = bytes(_span(buffer, start, end))
        self._exchange(out)
        self._record(out, None)

    def readinto(
        self, buffer, *, start: int = 0, end: int | None = None, write_value: int = 0
    ) -> None:
        self._check()
        view = _span(buffer, start, end)
        out = bytes([write_value & 0xFF]) * len(view)
        back = self._exchange(out)
        view[:] = back
        self._record(out, back)

    def write_readinto(
        self,
        out_buffer,
        in_buffer,
        *,
        out_start: int = 0,
        out_end: int | None = None,
        in_start: int = 0,
        in_end: int | None = None,
    ) -> None:
        self._check()
        out = bytes(_span(out_buffer, out_start, out_end))
        view = _span(in_buffer, in_start, in_end)
        if len(out) != len(view):
            raise ValueError("buffer slices must be of equal length")
        back = self._exchange(out)
        view[:] = back
        self._record(out, back)
