"""Base classes for virtual devices: the scenario hook, I2C byte protocol and a register file."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hal.sim.board import SimBoard
    from hal.sim.spec import Spec


class Device:
    """A virtual device.  Subclasses set ``TYPE`` (the scenario name) and build from a Spec."""

    TYPE = ""

    def __init__(self, board: SimBoard, name: str) -> None:
        self.board = board
        self.name = name

    @classmethod
    def from_spec(cls, board: SimBoard, name: str, spec: Spec) -> Device:
        raise NotImplementedError

    def state(self) -> dict[str, Any]:
        """A JSON-able summary of what the device saw or shows (for reports and tests)."""
        return {}

    def close(self) -> None:
        """Board is closing (e.g. write an output file)."""


class I2CTarget(Device):
    """The byte-level I2C target protocol the sim bus drives.

    ``i2c_start(read)`` after a (repeated) start with our address: return False to NACK it.
    ``i2c_write(byte)``: a byte from the controller; return False to NACK.  ``i2c_read()``:
    the next byte to send.  ``i2c_stop()``: stop condition (also after a NACK).
    """

    def i2c_start(self, read: bool) -> bool:
        return True

    def i2c_write(self, byte: int) -> bool:
        return True

    def i2c_read(self) -> int:
        return 0xFF

    def i2c_stop(self) -> None:
        pass


class RegisterI2CTarget(I2CTarget):
    """The common "pointer then data" register protocol: the first byte written after a start
    sets the register pointer, later bytes write registers; reads return registers; the pointer
    auto-increments and persists across transactions (BME280, MCP9808, most sensors)."""

    def __init__(self, board: SimBoard, name: str) -> None:
        super().__init__(board, name)
        self.pointer = 0
        self._first = True

    def i2c_start(self, read: bool) -> bool:
        self._first = not read
        if read:
            self.begin_read()
        return True

    def i2c_write(self, byte: int) -> bool:
        if self._first:
            self.pointer = byte
            self._first = False
        else:
            self.write_register(self.pointer, byte)
            self.pointer = self.next_pointer(self.pointer)
        return True

    def i2c_read(self) -> int:
        value = self.read_register(self.pointer)
        self.pointer = self.next_pointer(self.pointer)
        return value

    def begin_read(self) -> None:
        """A read transaction starts (latch a coherent data snapshot here)."""

    def next_pointer(self, pointer: int) -> int:
        return (pointer + 1) & 0xFF

    def read_register(self, reg: int) -> int:
        return 0x00

    def write_register(self, reg: int, value: int) -> None:
        pass


class SPITarget(Device):
    """A device on SPI with a chip-select pin (active low) it watches on its Net."""

    def __init__(self, board: SimBoard, name: str, sck, cs) -> None:
        super().__init__(board, name)
        self.cs_pin = cs
        self._cs_net = board.net(cs)
        self._cs_net.listeners.append(self._on_cs)
        board.attach_spi(sck, self)

    def spi_selected(self) -> bool:
        return self._cs_net.read() == 0

    def _on_cs(self, net, level: int, t_ns: int) -> None:
        if level == 0:
            self.spi_select()
        else:
            self.spi_deselect()

    def spi_select(self) -> None:
        """CS fell: a new transaction."""

    def spi_deselect(self) -> None:
        """CS rose."""

    def spi_exchange(self, byte: int, polarity: int, phase: int) -> int:
        """One byte in (MOSI), one byte out (MISO)."""
        return 0xFF

    def spi_transfer(self, data: bytes, polarity: int, phase: int) -> bytes:
        """A run of bytes in, as many out; devices that take whole blocks (display panels)
        override this instead of ``spi_exchange``."""
        return bytes(self.spi_exchange(b, polarity, phase) & 0xFF for b in data)
