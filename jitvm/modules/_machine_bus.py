"""machine's buses (MicroPython): I2C/SoftI2C, SPI/SoftSPI and UART on the current hal board.

Split from ``machine`` (which re-exports them) to keep one file per concern; not a guest module.
I2C NACKs raise OSError with MicroPython's errno (ENODEV 19 for the address, EIO 5 for data).
"""

from __future__ import annotations

from typing import Any

from hal import api as _api
from jitvm.modules import _hw


def hal_pin(obj: Any) -> _api.Pin:
    """A pin argument (machine.Pin, number, name, hal Pin) -> hal Pin, detached from machine.Pin."""
    from jitvm.modules import machine

    return machine.hal_pin(obj)


def _os_error(exc: OSError) -> OSError:
    return _hw.reraise_os_error(exc)


def _default_pins(kind: str, id: Any, count: int) -> tuple:
    pins = getattr(_hw.get_board(), f"default_{kind}_pins")
    if pins is None or id not in (0, 1):
        raise ValueError(f"{kind.upper()}({id}) doesn't exist")
    return tuple(pins[:count])


class I2C:
    """I2C controller: scan, readfrom*, writeto*, *_mem.  NACK: OSError ENODEV / EIO."""

    def __init__(
        self,
        id: Any = 0,
        *,
        scl: Any = None,
        sda: Any = None,
        freq: int = 400000,
        timeout: int = 50000,
    ) -> None:
        if scl is None or sda is None:
            scl, sda = _default_pins("i2c", id, 2)
        self._dev = _hw.get_board().i2c(hal_pin(scl), hal_pin(sda), freq)
        self._freq = freq

    def _bus(self) -> Any:
        if self._dev.deinited:
            raise OSError(5, "I2C bus released")
        return self._dev

    def scan(self) -> list[int]:
        return list(self._bus().scan())

    def readfrom_into(self, addr: int, buf: Any, stop: bool = True) -> None:
        data = _hw.buffer(buf, writable=True)
        try:
            self._bus().readfrom_into(addr, data, stop=bool(stop))
        except OSError as exc:
            raise _os_error(exc) from None

    def readfrom(self, addr: int, nbytes: int, stop: bool = True) -> bytes:
        buf = bytearray(nbytes)
        if nbytes:
            self.readfrom_into(addr, buf, stop)
        return bytes(buf)

    def writeto(self, addr: int, buf: Any, stop: bool = True) -> int:
        data = _hw.buffer(buf)
        try:
            self._bus().writeto(addr, data, stop=bool(stop))
        except OSError as exc:
            raise _os_error(exc) from None
        return len(data)  # number of ACKs received

    def writevto(self, addr: int, vector: Any, stop: bool = True) -> int:
        data = b"".join(bytes(_hw.buffer(b)) for b in vector)
        return self.writeto(addr, data, stop)

    @staticmethod
    def _memaddr(memaddr: int, addrsize: int) -> bytes:
        if addrsize & 7 or not 0 <= addrsize <= 32:
            raise ValueError("invalid addrsize")
        return (memaddr & ((1 << addrsize) - 1)).to_bytes(addrsize // 8, "big")

    def readfrom_mem_into(self, addr: int, memaddr: int, buf: Any, *, addrsize: int = 8) -> None:
        data = _hw.buffer(buf, writable=True)
        try:
            self._bus().writeto_then_readfrom(addr, self._memaddr(memaddr, addrsize), data)
        except OSError as exc:
            raise _os_error(exc) from None

    def readfrom_mem(self, addr: int, memaddr: int, nbytes: int, *, addrsize: int = 8) -> bytes:
        buf = bytearray(nbytes)
        self.readfrom_mem_into(addr, memaddr, buf, addrsize=addrsize)
        return bytes(buf)

    def writeto_mem(self, addr: int, memaddr: int, buf: Any, *, addrsize: int = 8) -> None:
        self.writeto(addr, self._memaddr(memaddr, addrsize) + bytes(_hw.buffer(buf)))

    def __repr__(self) -> str:
        return f"I2C(freq={self._freq})"


class SoftI2C(I2C):
    """Bit-banged I2C on any two pins (the sim models it like the hardware controller)."""

    def __init__(self, scl: Any, sda: Any, *, freq: int = 400000, timeout: int = 50000) -> None:
        super().__init__(-1, scl=scl, sda=sda, freq=freq, timeout=timeout)


def _reverse_bits(data: bytes) -> bytes:
    return bytes(int(f"{b:08b}"[::-1], 2) for b in data)


class SPI:
    """SPI controller: read, readinto, write, write_readinto."""

    MSB = 1
    LSB = 0

    def __init__(
        self,
        id: Any = 0,
        baudrate: int = 1000000,
        *,
        polarity: int = 0,
        phase: int = 0,
        bits: int = 8,
        firstbit: int = 1,
        sck: Any = None,
        mosi: Any = None,
        miso: Any = None,
    ) -> None:
        if sck is None:
            sck, mosi, miso = _default_pins("spi", id, 3)
        board = _hw.get_board()
        self._dev = board.spi(
            hal_pin(sck),
            None if mosi is None else hal_pin(mosi),
            None if miso is None else hal_pin(miso),
        )
        self.init(baudrate, polarity=polarity, phase=phase, bits=bits, firstbit=firstbit)

    def init(
        self,
        baudrate: int = 1000000,
        *,
        polarity: int = 0,
        phase: int = 0,
        bits: int = 8,
        firstbit: Any = None,
    ) -> None:
        self._lsb = firstbit is not None and firstbit == type(self).LSB
        self._dev.configure(baudrate=baudrate, polarity=polarity, phase=phase, bits=bits)

    def deinit(self) -> None:
        self._dev.deinit()

    def write(self, buf: Any) -> None:
        data = bytes(_hw.buffer(buf))
        self._dev.write(_reverse_bits(data) if self._lsb else data)

    def readinto(self, buf: Any, write: int = 0) -> None:
        data = _hw.buffer(buf, writable=True)
        self._dev.readinto(data, write_value=write)
        if self._lsb:
            data[:] = _reverse_bits(bytes(data))

    def read(self, nbytes: int, write: int = 0) -> bytes:
        buf = bytearray(nbytes)
        self.readinto(buf, write)
        return bytes(buf)

    def write_readinto(self, write_buf: Any, read_buf: Any) -> None:
        out = bytes(_hw.buffer(write_buf))
        into = _hw.buffer(read_buf, writable=True)
        if len(out) != len(into):
            raise ValueError("buffers must be the same length")
        self._dev.write_readinto(_reverse_bits(out) if self._lsb else out, into)
        if self._lsb:
            into[:] = _reverse_bits(bytes(into))


class SoftSPI(SPI):
    """Bit-banged SPI (MicroPython's extmod: MSB = 0, LSB = 1)."""

    MSB = 0
    LSB = 1

    def __init__(
        self,
        baudrate: int = 500000,
        *,
        polarity: int = 0,
        phase: int = 0,
        bits: int = 8,
        firstbit: int = 0,
        sck: Any = None,
        mosi: Any = None,
        miso: Any = None,
    ) -> None:
        if sck is None:
            raise TypeError("SoftSPI needs sck")
        super().__init__(
            -1,
            baudrate,
            polarity=polarity,
            phase=phase,
            bits=bits,
            firstbit=firstbit,
            sck=sck,
            mosi=mosi,
            miso=miso,
        )


class UART:
    """Serial port: write, read, readline, readinto, any()."""

    def __init__(
        self,
        id: Any = 0,
        baudrate: int = 115200,
        bits: int = 8,
        parity: Any = None,
        stop: int = 1,
        *,
        tx: Any = None,
        rx: Any = None,
        timeout: int = 0,
        **kwargs: Any,
    ) -> None:
        if tx is None and rx is None:
            tx, rx = _default_pins("uart", id, 2)
        par = {None: None, 0: _api.Parity.EVEN, 1: _api.Parity.ODD}[parity]
        self._dev = _hw.get_board().uart(
            None if tx is None else hal_pin(tx),
            None if rx is None else hal_pin(rx),
            baudrate,
            bits=bits,
            parity=par,
            stop=stop,
            timeout=timeout / 1000,
        )

    def write(self, buf: Any) -> int:
        return self._dev.write(bytes(_hw.buffer(buf)))

    def read(self, nbytes: Any = None) -> bytes | None:
        return self._dev.read(nbytes)

    def readinto(self, buf: Any, nbytes: Any = None) -> int | None:
        return self._dev.readinto(_hw.buffer(buf, writable=True))

    def readline(self) -> bytes | None:
        return self._dev.readline()

    def any(self) -> int:
        return int(self._dev.in_waiting)

    def deinit(self) -> None:
        self._dev.deinit()
