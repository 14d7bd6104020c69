"""Simulated I2C and SPI controllers: they move bytes to the virtual devices attached to their pins."""

from __future__ import annotations

import errno
from typing import TYPE_CHECKING

from hal.api import I2CBus, Pin, SPIBus
from hal.bitwave import i2c_frame
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

    def _wave(self, t0: int, frames: list) -> dict:
        """What the VCD needs to draw the transfers bit by bit (see hal.bitwave)."""
        return {"t0": t0, "frequency": self.frequency, "frames": frames,
                "scl": self.scl.name, "sda": self.sda.name}

    def scan(self) -> list[int]:
        self._check()
        found = []
        t0 = self._board.clock.now()
        frames = []
        for addr in range(0x08, 0x78):
            dev = self._start(addr, False)
            self._spend(0)
            frames.append(i2c_frame(addr, False, (), (dev is not None,)))
            if dev is not None:
                dev.i2c_stop()
                found.append(addr)
        self._board.trace.record(
            "i2c", self.signal, f"scan {[hex(a) for a in found]}",
            {"found": found, **self._wave(t0, frames)},
        )
        return found

    def _write(self, address: int, data, stop: bool, label: list[str], frames: list) -> None:
        dev = self._start(address, False)
        self._spend(len(data))
        label.append(f"W {address:02X}: {_hex(data)}".rstrip())
        if dev is None:
            label.append("NACK")
            frames.append(i2c_frame(address, False, data, (False,)))
            raise OSError(errno.ENODEV, "No such device")
        acks = [True]
        for i, b in enumerate(data):
            if not dev.i2c_write(b):
                dev.i2c_stop()
                label.append(f"NACK@{i}")
                frames.append(i2c_frame(address, False, data, [*acks, False]))
                raise OSError(errno.EIO, "Input/output error")
            acks.append(True)
        frames.append(i2c_frame(address, False, data, acks, stop))
        if stop:
            dev.i2c_stop()

    def _read(self, address: int, view: memoryview, label: list[str], frames: list) -> None:
        dev = self._start(address, True)
        self._spend(len(view))
        if dev is None:
            label.append(f"R {address:02X}: NACK")
            frames.append(i2c_frame(address, True, bytes(len(view)), (False,)))
            raise OSError(errno.ENODEV, "No such device")
        for i in range(len(view)):
            view[i] = dev.i2c_read() & 0xFF
        dev.i2c_stop()
        label.append(f"R {address:02X}: {_hex(view)}".rstrip())
        # the controller ACKs every byte but the last, which it NACKs before the stop
        frames.append(i2c_frame(address, True, view, [True] * len(view) + [False]))

    def _run(self, address: int, steps) -> None:
        label: list[str] = []
        frames: list = []
        t0 = self._board.clock.now()
        try:
            steps(label, frames)
        finally:
            data = {"address": address, **self._wave(t0, frames)}
            name = getattr(self._targets().get(address), "name", None)
            if name is not None:
                data["device"] = name
            self._board.trace.record("i2c", self.signal, " | ".join(label), data)

    def writeto(
        self, address: int, buffer, *, start: int = 0, end: int | None = None, stop: bool = True
    ) -> None:
        self._check()
        data = bytes(_span(buffer, start, end))
        self._run(address, lambda label, frames: self._write(address, data, stop, label, frames))

    def readfrom_into(
        self, address: int, buffer, *, start: int = 0, end: int | None = None, stop: bool = True
    ) -> None:
        self._check()
        view = _span(buffer, start, end)
        self._run(address, lambda label, frames: self._read(address, view, label, frames))

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

        def steps(label: list[str], frames: list) -> None:
            self._write(address, data, False, label, frames)
            self._read(address, view, label, frames)

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
        self._t0 = 0  # the last transfer's start (virtual ns) and selected devices, for the trace
        self._selected: list[str] = []
        self._drive_idle()

    def _drive_idle(self) -> None:
        """The controller drives SCK at its idle level (the polarity) and MOSI low; MISO is an
        input. The trace draws each transfer's edges from there (hal.bitwave)."""
        self._board.net(self.sck).set_mcu(output=True, level=self.polarity, pull=None)
        if self.mosi is not None:
            self._board.net(self.mosi).set_mcu(output=True, level=0, pull=None)
        if self.miso is not None:
            self._board.net(self.miso).set_mcu(output=False, pull=None)

    def _on_deinit(self) -> None:
        for p in (self.sck, self.mosi):
            if p is not None:
                self._board.net(p).set_mcu(output=False, pull=None)

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
        self._drive_idle()

    @property
    def frequency(self) -> int:
        return self._baudrate

    def _exchange(self, out: bytes) -> bytes:
        selected = [d for d in self._board.spi_targets.get(self.sck, []) if d.spi_selected()]
        if len(selected) > 1:
            self._board.trace.record("note", self.signal, "several chip selects low")
        self._t0 = self._board.clock.now()
        self._selected = [getattr(d, "name", "?") for d in selected]
        self._board.clock.advance_ns(len(out) * 8 * 1_000_000_000 // self._baudrate)
        replies = [d.spi_transfer(out, self.polarity, self.phase) for d in selected]
        # An unselected bus floats: MISO reads as 1s.
        return replies[0] if replies else b"\xff" * len(out)

    def _record(self, out: bytes, back: bytes | None, miso: bytes | None = None) -> None:
        """``back``: what the program read (None for a write); ``miso``: what MISO carried."""
        text = f"W {_hex(out)}" if back is None else f"W {_hex(out)} R {_hex(back)}"
        miso = back if miso is None else miso
        data = {"baudrate": self._baudrate, "t0": self._t0, "polarity": self.polarity,
                "phase": self.phase, "mosi_bytes": list(out), "miso_bytes": list(miso or b""),
                "sck": self.sck.name, "mosi": getattr(self.mosi, "name", None),
                "miso": getattr(self.miso, "name", None), "devices": self._selected}
        self._board.trace.record("spi", self.signal, text, data)

    def write(self, buffer, *, start: int = 0, end: int | None = None) -> None:
        self._check()
        out = bytes(_span(buffer, start, end))
        miso = self._exchange(out)
        self._record(out, None, miso)

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
