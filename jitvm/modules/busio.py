"""Guest module `busio` (CircuitPython): I2C, SPI and UART with busio's locking and slicing rules."""

from __future__ import annotations

import sys as _sys
from typing import Any, Self

from hal import api as _api
from jitvm.modules import _hw

__all__ = ["I2C", "SPI", "UART"]

_MAXSIZE = _sys.maxsize


def _bounds(buf: Any, start: int, end: int) -> tuple[int, int]:
    """CircuitPython's normalize_buffer_bounds: Python-like slice bounds, clamped."""
    length = len(buf)
    if end < 0:
        end += length
    elif end > length:
        end = length
    if start < 0:
        start = max(0, start + length)
    if end < start:
        return start, start
    return start, end


class _Locked:
    """Shared lock and life-cycle logic of the busio classes."""

    _dev: Any = None
    _locked = False

    def deinit(self) -> None:
        """Releases control of the underlying hardware so other classes can use it."""
        if self._dev is not None:
            self._dev.deinit()
            self._dev = None
        self._locked = False

    def __enter__(self) -> Any:
        return self

    def __exit__(self, *exc: object) -> None:
        self.deinit()

    def _deinited(self) -> bool:
        return self._dev is None or self._dev.deinited

    def _live(self) -> Any:
        if self._deinited():
            raise _api.DeinitializedError()
        return self._dev

    def _locked_dev(self) -> Any:
        dev = self._live()
        if not self._locked:
            raise RuntimeError("Function requires lock")
        return dev

    def try_lock(self) -> bool:
        """Attempts to grab the lock. Returns True on success."""
        self._live()
        if self._locked:
            return False
        self._locked = True
        return True

    def unlock(self) -> None:
        """Releases the lock."""
        self._live()
        self._locked = False


class I2C(_Locked):
    """Two wire serial protocol."""

    def __init__(self, scl: Any, sda: Any, *, frequency: int = 100000, timeout: int = 255) -> None:
        scl = _hw.require_pin(scl, "scl")
        sda = _hw.require_pin(sda, "sda")
        self._dev = _hw.get_board().i2c(scl, sda, frequency)
        self._frequency = frequency

    def probe(self, address: int) -> bool:
        """Check if a device at the specified address responds."""
        dev = self._locked_dev()
        try:
            dev.writeto(address, b"")
        except OSError:
            return False
        return True

    def scan(self) -> list[int]:
        """Scan all I2C addresses between 0x08 and 0x77 inclusive; return those that respond."""
        return list(self._locked_dev().scan())

    def readfrom_into(
        self, address: int, buffer: Any, *, start: int = 0, end: int = _MAXSIZE
    ) -> None:
        """Read into ``buffer[start:end]`` from the device selected by ``address``."""
        dev = self._locked_dev()
        buf = _hw.buffer(buffer, writable=True)
        start, end = _bounds(buf, start, end)
        if end - start < 1:
            raise ValueError("buffer length must be >= 1")
        try:
            dev.readfrom_into(address, buf, start=start, end=end)
        except OSError as exc:
            raise _hw.reraise_os_error(exc) from None

    def writeto(self, address: int, buffer: Any, *, start: int = 0, end: int = _MAXSIZE) -> None:
        """Write ``buffer[start:end]`` to the device selected by ``address``, then a stop bit."""
        dev = self._locked_dev()
        buf = _hw.buffer(buffer)
        start, end = _bounds(buf, start, end)
        try:
            dev.writeto(address, buf, start=start, end=end)
        except OSError as exc:
            raise _hw.reraise_os_error(exc) from None

    def writeto_then_readfrom(
        self,
        address: int,
        out_buffer: Any,
        in_buffer: Any,
        *,
        out_start: int = 0,
        out_end: int = _MAXSIZE,
        in_start: int = 0,
        in_end: int = _MAXSIZE,
    ) -> None:
        """Write ``out_buffer[out_start:out_end]``, repeated start, read ``in_buffer[in_start:in_end]``."""
        dev = self._locked_dev()
        out_buf = _hw.buffer(out_buffer)
        in_buf = _hw.buffer(in_buffer, writable=True)
        out_start, out_end = _bounds(out_buf, out_start, out_end)
        in_start, in_end = _bounds(in_buf, in_start, in_end)
        if in_end - in_start < 1:
            # CircuitPython names the wrong argument here; kept for identical output.
            raise ValueError("out_buffer length must be >= 1")
        try:
            dev.writeto_then_readfrom(
                address,
                out_buf,
                in_buf,
                out_start=out_start,
                out_end=out_end,
                in_start=in_start,
                in_end=in_end,
            )
        except OSError as exc:
            raise _hw.reraise_os_error(exc) from None


class SPI(_Locked):
    """A 3-4 wire serial protocol."""

    def __init__(
        self, clock: Any, MOSI: Any = None, MISO: Any = None, half_duplex: bool = False
    ) -> None:
        clock = _hw.require_pin(clock, "clock")
        mosi = None if MOSI is None else _hw.require_pin(MOSI, "mosi")
        miso = None if MISO is None else _hw.require_pin(MISO, "miso")
        if mosi is None and miso is None:
            raise ValueError("Must provide MISO or MOSI pin")
        if half_duplex:
            raise NotImplementedError("Half duplex SPI is not implemented")
        self._dev = _hw.get_board().spi(clock, mosi, miso)

    def configure(
        self, *, baudrate: int = 100000, polarity: int = 0, phase: int = 0, bits: int = 8
    ) -> None:
        """Configures the SPI bus. The SPI object must be locked."""
        dev = self._locked_dev()
        _hw.int_range(polarity, 0, 1, "polarity")
        _hw.int_range(phase, 0, 1, "phase")
        _hw.int_range(bits, 8, 9, "bits")
        dev.configure(baudrate=baudrate, polarity=polarity, phase=phase, bits=bits)

    def try_lock(self) -> bool:
        """Attempts to grab the SPI lock. Returns True on success."""
        # busio.SPI.try_lock does not check for deinit (unlike I2C).
        if self._locked:
            return False
        self._locked = True
        return True

    def write(self, buffer: Any, *, start: int = 0, end: int = _MAXSIZE) -> None:
        """Write ``buffer[start:end]``. The SPI object must be locked."""
        dev = self._locked_dev()
        buf = _hw.buffer(buffer)
        start, end = _bounds(buf, start, end)
        if end > start:
            dev.write(buf, start=start, end=end)

    def readinto(
        self, buffer: Any, *, start: int = 0, end: int = _MAXSIZE, write_value: int = 0
    ) -> None:
        """Read into ``buffer[start:end]`` while writing ``write_value`` for each byte read."""
        dev = self._locked_dev()
        buf = _hw.buffer(buffer, writable=True)
        start, end = _bounds(buf, start, end)
        if end > start:
            dev.readinto(buf, start=start, end=end, write_value=write_value)

    def write_readinto(
        self,
        out_buffer: Any,
        in_buffer: Any,
        *,
        out_start: int = 0,
        out_end: int = _MAXSIZE,
        in_start: int = 0,
        in_end: int = _MAXSIZE,
    ) -> None:
        """Write ``out_buffer`` while reading into ``in_buffer``; slices of equal length."""
        dev = self._locked_dev()
        out_buf = _hw.buffer(out_buffer)
        in_buf = _hw.buffer(in_buffer, writable=True)
        out_start, out_end = _bounds(out_buf, out_start, out_end)
        in_start, in_end = _bounds(in_buf, in_start, in_end)
        if out_end - out_start != in_end - in_start:
            raise ValueError("buffer slices must be of equal length")
        if out_end > out_start:
            dev.write_readinto(
                out_buf,
                in_buf,
                out_start=out_start,
                out_end=out_end,
                in_start=in_start,
                in_end=in_end,
            )

    @property
    def frequency(self) -> int:
        """The actual SPI bus frequency."""
        return int(self._live().frequency)


class _ParityValue:
    __slots__ = ("_hal", "_name")

    def __init__(self, name: str, hal_value: _api.Parity) -> None:
        self._name = name
        self._hal = hal_value

    def __repr__(self) -> str:
        return f"busio.UART.Parity.{self._name}"

    __str__ = __repr__


class _Parity:
    """Enum-like class to define the parity used to verify correct data transfer."""

    ODD = _ParityValue("ODD", _api.Parity.ODD)
    EVEN = _ParityValue("EVEN", _api.Parity.EVEN)


class UART:
    """A bidirectional serial protocol."""

    Parity = _Parity

    def __init__(
        self,
        tx: Any = None,
        rx: Any = None,
        *,
        rts: Any = None,
        cts: Any = None,
        rs485_dir: Any = None,
        rs485_invert: bool = False,
        baudrate: int = 9600,
        bits: int = 8,
        parity: Any = None,
        stop: int = 1,
        timeout: float = 1,
        receiver_buffer_size: int = 64,
    ) -> None:
        tx_pin = None if tx is None else _hw.require_pin(tx, "tx")
        rx_pin = None if rx is None else _hw.require_pin(rx, "rx")
        if tx_pin is None and rx_pin is None:
            raise ValueError("tx and rx cannot both be None")
        _hw.int_range(bits, 5, 9, "bits")
        _hw.int_range(stop, 1, 2, "stop")
        if parity is not None and not isinstance(parity, _ParityValue):
            raise TypeError(f"parity must be of type Parity or None, not {_hw.type_name(parity)}")
        if timeout < 0 or timeout > 100:
            raise ValueError("timeout must be 0.0-100.0")
        self._dev: Any = _hw.get_board().uart(
            tx_pin,
            rx_pin,
            baudrate,
            bits=bits,
            parity=None if parity is None else parity._hal,
            stop=stop,
            timeout=float(timeout),
            receiver_buffer_size=receiver_buffer_size,
        )

    def deinit(self) -> None:
        """Deinitialises the UART and releases any hardware resources for reuse."""
        if self._dev is not None:
            self._dev.deinit()
            self._dev = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.deinit()

    def _deinited(self) -> bool:
        return self._dev is None or self._dev.deinited

    def _live(self) -> Any:
        if self._deinited():
            raise _api.DeinitializedError()
        return self._dev

    def read(self, nbytes: int | None = None) -> bytes | None:
        """Read bytes; None when nothing arrived before the timeout."""
        return self._live().read(nbytes)

    def readinto(self, buf: Any) -> int | None:
        """Read bytes into ``buf``; returns the count, or None on timeout."""
        return self._live().readinto(_hw.buffer(buf, writable=True))

    def readline(self) -> bytes | None:
        """Read a line ending in a newline character, or what arrived before the timeout."""
        return self._live().readline()

    def write(self, buf: Any) -> int | None:
        """Write the buffer of bytes to the bus; returns the count."""
        dev = self._live()
        if isinstance(buf, str):
            raise TypeError("object with buffer protocol required")
        return dev.write(_hw.buffer(buf))

    @property
    def baudrate(self) -> int:
        """The current baudrate."""
        return int(self._live().baudrate)

    @baudrate.setter
    def baudrate(self, value: int) -> None:
        self._live().baudrate = value

    @property
    def in_waiting(self) -> int:
        """The number of bytes in the input buffer, available to be read."""
        return int(self._live().in_waiting)

    @property
    def timeout(self) -> float:
        """The current timeout, in seconds (float)."""
        return float(self._live().timeout)

    @timeout.setter
    def timeout(self, value: float) -> None:
        if value < 0 or value > 100:
            raise ValueError("timeout must be 0.0-100.0")
        self._live().timeout = float(value)

    def reset_input_buffer(self) -> None:
        """Discard any unread characters in the input buffer."""
        self._live().reset_input_buffer()
