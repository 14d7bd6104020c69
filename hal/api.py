"""The hardware abstraction API: pins, GPIO lines, buses, clock and trace every backend provides.

Guest modules (``board``, ``digitalio``, ``busio``, ``machine`` ...) are written against this
module only; ``hal.sim`` and ``hal.linux`` implement it.  Conventions shared by all of it:

* Pins are :class:`Pin` objects taken from ``Board.pins``; aliases (``LED``/``D13``/``GP25``) map
  to the *same* object, so ``board.pins["LED"] is board.pins["GP25"]``.
* Every factory (``gpio``, ``i2c``, ``spi``, ``uart``, ``pwm``, ``adc``, ``dac``) claims its pins
  and raises ``ValueError("<pin name> in use")`` if one is taken, as CircuitPython does; the
  object's ``deinit()`` releases them.  Using an object after ``deinit()`` raises
  :class:`DeinitializedError` (a ``ValueError``, the type CircuitPython raises).
* Byte arguments accept any buffer (bytes, bytearray, memoryview, array); ``start``/``end``
  slice them the way busio does.
* Analog values are 16-bit (0..65535) whatever the converter's real width, as in CircuitPython.
* Times are nanoseconds of ``Board.clock`` (virtual on ``sim``, CLOCK_MONOTONIC on ``linux``).
* An I2C address that does not acknowledge raises ``OSError(errno.ENODEV)`` (19); a NACK on a
  data byte raises ``OSError(errno.EIO)`` (5).  That matches CircuitPython's busio on
  raspberrypi/atmel-samd/nrf (``common_hal_busio_i2c_write`` returns ``MP_ENODEV`` when the
  address is not acknowledged, the binding raises ``OSError(status)``).
* Edge callbacks run synchronously inside the HAL call during which the edge happened (on
  ``sim``: the ``sleep_ns``/``advance_ns``/read that moved virtual time past it, or the write that
  caused it; on ``linux``: ``Board.poll()``, which ``sleep_ns`` and line reads call).  A guest
  module that needs soft-interrupt semantics should queue them and run them at a safe point.
"""

from __future__ import annotations

import enum
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Self

__all__ = [
    "UART",
    "AnalogIn",
    "AnalogOut",
    "Board",
    "Clock",
    "DeinitializedError",
    "Direction",
    "DriveMode",
    "Edge",
    "EdgeCallback",
    "GpioLine",
    "HalError",
    "I2CBus",
    "PWMOut",
    "Parity",
    "Pin",
    "Pull",
    "SPIBus",
    "ScenarioError",
    "Trace",
    "TraceEvent",
]


# --------------------------------------------------------------------------- errors


class HalError(Exception):
    """A backend cannot do what was asked: a missing device node, a permission, a bad board file.

    The message is one line naming the thing at fault, e.g. ``/dev/gpiochip0: permission denied``.
    """


class ScenarioError(HalError):
    """A sim scenario file is wrong; the message is ``<file>: <problem>`` on one line."""


class DeinitializedError(ValueError):
    """An object was used after ``deinit()``.

    CircuitPython raises ``ValueError("Object has been deinitialized and can no longer be used.
    Create a new object.")``; this is that error (same type, same text).
    """

    MESSAGE = "Object has been deinitialized and can no longer be used. Create a new object."

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.MESSAGE)


# --------------------------------------------------------------------------- enums


class Direction(enum.Enum):
    """GPIO direction."""

    INPUT = "input"
    OUTPUT = "output"


class Pull(enum.Enum):
    """GPIO bias; ``None`` (not a member) means no pull."""

    UP = "up"
    DOWN = "down"


class DriveMode(enum.Enum):
    """GPIO output driver."""

    PUSH_PULL = "push_pull"
    OPEN_DRAIN = "open_drain"


class Edge(enum.Enum):
    """Which transitions an edge callback wants."""

    RISING = "rising"
    FALLING = "falling"
    BOTH = "both"


class Parity(enum.Enum):
    """UART parity; ``None`` means no parity bit."""

    EVEN = "even"
    ODD = "odd"


# --------------------------------------------------------------------------- pins


@dataclass(frozen=True, eq=False)
class Pin:
    """One physical pin of a board.  Compared by identity: one object per pin per board.

    ``name``: the canonical name (``"GP25"``); ``aliases``: every name the board file gives it
    (canonical first, e.g. ``("GP25", "LED")``); ``number``: the GPIO number for MicroPython's
    ``machine.Pin(25)`` (``None`` if it has none); ``id``: the backend's address (an int on sim,
    ``(chip_path, line_offset)`` on linux); ``features``: what the pin can do besides digital I/O:
    any of ``"adc"``, ``"dac"``, ``"pwm"``, ``"touch"``.
    """

    name: str
    number: int | None = None
    id: Any = None
    aliases: tuple[str, ...] = ()
    features: frozenset[str] = field(default_factory=frozenset)

    def supports(self, feature: str) -> bool:
        """True if the pin has the feature (``"adc"``, ``"dac"``, ``"pwm"``...)."""
        return feature in self.features

    def __repr__(self) -> str:
        return f"board.{self.name}"

    def __hash__(self) -> int:
        return id(self)


# --------------------------------------------------------------------------- clock and trace


class Clock(ABC):
    """The board's time source.  ``sim``: virtual (sleep jumps at once; ``realtime=True`` also
    sleeps the wall clock).  ``linux``: the host's monotonic clock."""

    #: True for a virtual clock (time only moves when the program sleeps or does I/O).
    virtual: bool = False

    @abstractmethod
    def monotonic_ns(self) -> int:
        """Nanoseconds since the board started.  On sim each call also moves time forward by
        a tiny quantum (default 1 µs) so a busy-wait loop on the clock ends."""

    @abstractmethod
    def sleep_ns(self, ns: int) -> None:
        """Wait ``ns`` nanoseconds (virtual: advance time, firing every scheduled event on the
        way, in time order)."""

    @abstractmethod
    def advance_ns(self, ns: int) -> None:
        """Account for ``ns`` of work done by the program (the VM may call this every N
        bytecodes).  Virtual clocks move forward; the real clock ignores it."""

    def ticks_ms(self) -> int:
        """Milliseconds, wrapping at 2**30 like MicroPython's ``time.ticks_ms``."""
        return (self.monotonic_ns() // 1_000_000) & (2**30 - 1)

    def ticks_us(self) -> int:
        """Microseconds, wrapping at 2**30 like MicroPython's ``time.ticks_us``."""
        return (self.monotonic_ns() // 1_000) & (2**30 - 1)

    def sleep(self, seconds: float) -> None:
        """Convenience: ``sleep_ns(round(seconds * 1e9))``; negative sleeps raise ValueError."""
        if seconds < 0:
            raise ValueError("sleep length must be non-negative")
        self.sleep_ns(round(seconds * 1e9))


@dataclass(frozen=True)
class TraceEvent:
    """One recorded event.

    ``kind``: ``"pin"`` (``signal`` = pin name, ``value`` = 0/1/None for high-Z),
    ``"i2c"``, ``"spi"``, ``"uart"``, ``"pwm"``, ``"adc"``, ``"dac"``, ``"neopixel"``, ``"note"``,
    ``"parallel"`` (sim display bus), ``"display"`` (a panel's refresh: ``signal`` = device name,
    ``data`` = frame number, window, time)
    (``signal`` = bus name like ``"i2c0"``, ``value`` = a short readable text such as
    ``"W 0x76 [D0] R [60]"``), ``data``: structured detail (address, bytes as lists of ints...).
    """

    time_ns: int
    kind: str
    signal: str
    value: Any
    data: Mapping[str, Any] | None = None


class Trace(ABC):
    """Everything the board did, with timestamps: pin levels and bus transactions."""

    #: Recording can be switched off (e.g. for benchmarks); events are then dropped.
    enabled: bool = True

    @property
    @abstractmethod
    def events(self) -> list[TraceEvent]:
        """The recorded events in time order."""

    @abstractmethod
    def record(
        self, kind: str, signal: str, value: Any, data: Mapping[str, Any] | None = None
    ) -> None:
        """Append an event stamped with the board clock's current time."""

    @abstractmethod
    def write_vcd(self, path: str) -> None:
        """Write a VCD file (one wire per pin, one string variable per bus) for GTKWave/PulseView."""

    @abstractmethod
    def write_json(self, path: str) -> None:
        """Write the events as JSON: ``{"board":..., "timescale":"1ns", "events":[{...}]}``."""


# --------------------------------------------------------------------------- peripherals


class _Peripheral(ABC):
    """Shared life cycle: a peripheral holds claims on its pins until ``deinit()``."""

    @abstractmethod
    def deinit(self) -> None:
        """Release the pins; idempotent.  Any later use raises DeinitializedError."""

    @property
    @abstractmethod
    def deinited(self) -> bool:
        """True after ``deinit()``."""

    def __enter__(self):
        return self

    def __exit__(self, *exc: object) -> None:
        self.deinit()


EdgeCallback = Callable[["GpioLine", int], None]
"""An edge callback: ``callback(line, timestamp_ns)``; ``line.value`` is the level after the edge."""


class GpioLine(_Peripheral):
    """One digital line.  Starts as an input with no pull (CircuitPython's DigitalInOut default)."""

    pin: Pin

    @property
    @abstractmethod
    def direction(self) -> Direction: ...

    @direction.setter
    @abstractmethod
    def direction(self, value: Direction) -> None: ...

    @property
    @abstractmethod
    def pull(self) -> Pull | None:
        """The bias of an input (None: floating).  Reading on an output returns None."""

    @pull.setter
    @abstractmethod
    def pull(self, value: Pull | None) -> None: ...

    @property
    @abstractmethod
    def drive_mode(self) -> DriveMode: ...

    @drive_mode.setter
    @abstractmethod
    def drive_mode(self, value: DriveMode) -> None: ...

    @property
    @abstractmethod
    def value(self) -> bool:
        """The pin level as read now (an output reads back what the pin actually shows)."""

    @value.setter
    @abstractmethod
    def value(self, level: bool) -> None:
        """Drive the output.  Raises HalError if the line is an input (the guest module turns
        that into CircuitPython's AttributeError)."""

    def switch_to_output(
        self, value: bool = False, drive_mode: DriveMode = DriveMode.PUSH_PULL
    ) -> None:
        """Become an output driving ``value`` (set before the direction flips: no glitch)."""
        self.drive_mode = drive_mode
        self._preset(value)
        self.direction = Direction.OUTPUT

    def switch_to_input(self, pull: Pull | None = None) -> None:
        """Become an input with the given bias."""
        self.direction = Direction.INPUT
        self.pull = pull

    @abstractmethod
    def _preset(self, value: bool) -> None:
        """Set the output latch without changing direction (used by switch_to_output)."""

    @abstractmethod
    def on_edge(self, edge: Edge | None, callback: EdgeCallback | None = None) -> None:
        """Call ``callback(line, timestamp_ns)`` on each matching edge; ``edge=None`` (or no
        callback) removes it.  Works for inputs and outputs; one callback per line."""


class I2CBus(_Peripheral):
    """An I2C controller.  Addresses are 7-bit; locking (``try_lock``) is the guest module's job."""

    frequency: int

    @abstractmethod
    def scan(self) -> list[int]:
        """Addresses (0x08..0x77) that acknowledge, ascending."""

    @abstractmethod
    def writeto(
        self, address: int, buffer, *, start: int = 0, end: int | None = None, stop: bool = True
    ) -> None:
        """Write ``buffer[start:end]``; ``stop=False`` leaves the bus for a repeated start.  An
        empty write is an address probe.  NACK: OSError(ENODEV) for the address, OSError(EIO) for data."""

    @abstractmethod
    def readfrom_into(
        self, address: int, buffer, *, start: int = 0, end: int | None = None, stop: bool = True
    ) -> None:
        """Fill ``buffer[start:end]`` from the device."""

    @abstractmethod
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
        """Write then read with a repeated start (no stop in between), as one transaction."""


class SPIBus(_Peripheral):
    """An SPI controller (SCK/MOSI/MISO).  Chip select is an ordinary GpioLine devices watch."""

    @abstractmethod
    def configure(
        self, *, baudrate: int = 100_000, polarity: int = 0, phase: int = 0, bits: int = 8
    ) -> None:
        """Set the clock (the nearest rate the hardware can do: see ``frequency``), mode, word size."""

    @property
    @abstractmethod
    def frequency(self) -> int:
        """The actual clock rate in Hz after ``configure``."""

    @abstractmethod
    def write(self, buffer, *, start: int = 0, end: int | None = None) -> None:
        """Clock out ``buffer[start:end]``, ignoring what comes back."""

    @abstractmethod
    def readinto(
        self, buffer, *, start: int = 0, end: int | None = None, write_value: int = 0
    ) -> None:
        """Clock in ``buffer[start:end]`` while sending ``write_value`` for each byte."""

    @abstractmethod
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
        """Full duplex; both slices must have the same length (else ValueError)."""


class UART(_Peripheral):
    """A serial port.  ``read`` returns None when nothing arrived before ``timeout`` (busio's rule)."""

    baudrate: int
    bits: int
    parity: Parity | None
    stop: int
    timeout: float

    @abstractmethod
    def write(self, buffer) -> int:
        """Send bytes; returns the count."""

    @abstractmethod
    def read(self, nbytes: int | None = None) -> bytes | None:
        """Up to ``nbytes`` (None: all waiting), waiting up to ``timeout`` seconds for the first."""

    @abstractmethod
    def readinto(self, buffer) -> int | None:
        """Like read, into a buffer; returns the count or None."""

    @abstractmethod
    def readline(self) -> bytes | None:
        """Up to and including ``\\n``, or what arrived before the timeout."""

    @property
    @abstractmethod
    def in_waiting(self) -> int:
        """Bytes received and not yet read."""

    @abstractmethod
    def reset_input_buffer(self) -> None:
        """Drop the received bytes."""


class PWMOut(_Peripheral):
    """Pulse-width output: ``duty_cycle`` 0..65535, ``frequency`` in Hz."""

    @property
    @abstractmethod
    def duty_cycle(self) -> int: ...

    @duty_cycle.setter
    @abstractmethod
    def duty_cycle(self, value: int) -> None:
        """0..65535 (ValueError outside)."""

    @property
    @abstractmethod
    def frequency(self) -> int: ...

    @frequency.setter
    @abstractmethod
    def frequency(self, value: int) -> None:
        """Needs ``variable_frequency=True`` at creation (else HalError)."""


class AnalogIn(_Peripheral):
    """An ADC channel."""

    @property
    @abstractmethod
    def value(self) -> int:
        """The reading scaled to 0..65535."""

    @property
    @abstractmethod
    def reference_voltage(self) -> float:
        """Volts that ``value == 65535`` stands for."""


class AnalogOut(_Peripheral):
    """A DAC channel."""

    @property
    @abstractmethod
    def value(self) -> int: ...

    @value.setter
    @abstractmethod
    def value(self, value: int) -> None:
        """0..65535 (ValueError outside)."""

    @property
    @abstractmethod
    def reference_voltage(self) -> float: ...


# --------------------------------------------------------------------------- board


class Board(ABC):
    """A board: its pins, clock, trace, pin claims and peripheral factories."""

    #: The board's id, as CircuitPython's ``board.board_id`` (``"raspberry_pi_pico"``).
    board_id: str
    #: ``"sim"`` or ``"linux"``.
    backend: str
    #: Which network ``network`` opens: (``"sim"``/``"host"``/``"none"``, allowlist); open_board sets it.
    net_choice: tuple[str, tuple[str, ...]] = ("sim", ())
    #: The scenario's parsed ``[network]`` section (sim), if it had one.
    net_config: Any = None

    @property
    def network(self) -> Any:
        """The network behind the board's Wi-Fi (``hal.net.api.Network``), opened on first use
        (a run that never touches the network never imports it)."""
        net = self.__dict__.get("_network")
        if net is None:
            from hal.net import open_network

            kind, allow = self.net_choice
            net = open_network(kind, self.clock, self.trace, self.net_config, allow)
            self.__dict__["_network"] = net
        return net

    @network.setter
    def network(self, value: Any) -> None:
        self.__dict__["_network"] = value

    @property
    @abstractmethod
    def name(self) -> str:
        """Human name (``"Raspberry Pi Pico"``)."""

    @property
    @abstractmethod
    def pins(self) -> Mapping[str, Pin]:
        """Every pin name and alias -> Pin (aliases map to the same object)."""

    @property
    @abstractmethod
    def default_i2c_pins(self) -> tuple[Pin, Pin] | None:
        """``(scl, sda)`` for ``board.I2C()``, or None if the board has no default."""

    @property
    @abstractmethod
    def default_spi_pins(self) -> tuple[Pin, Pin, Pin] | None:
        """``(sck, mosi, miso)`` for ``board.SPI()``."""

    @property
    @abstractmethod
    def default_uart_pins(self) -> tuple[Pin, Pin] | None:
        """``(tx, rx)`` for ``board.UART()``."""

    @property
    @abstractmethod
    def clock(self) -> Clock: ...

    @property
    @abstractmethod
    def trace(self) -> Trace: ...

    @property
    def devices(self) -> Mapping[str, Any]:
        """Attached virtual devices by name (sim); empty on real hardware."""
        return {}

    def pin(self, key: str | int | Pin) -> Pin:
        """Look a pin up by name/alias, GPIO number, or pass a Pin through.  Unknown: ValueError."""
        if isinstance(key, Pin):
            return key
        if isinstance(key, int):
            for p in self.pins.values():
                if p.number == key:
                    return p
            raise ValueError(f"invalid pin {key}")
        try:
            return self.pins[key]
        except KeyError:
            raise ValueError(f"invalid pin {key!r}") from None

    # claims -------------------------------------------------------------------------
    @abstractmethod
    def claim(self, pin: Pin, owner: object) -> None:
        """Mark the pin used by ``owner``; raises ``ValueError(f"{pin.name} in use")`` if taken."""

    @abstractmethod
    def release(self, pin: Pin) -> None:
        """Free the pin (no error if free)."""

    @abstractmethod
    def owner(self, pin: Pin) -> object | None:
        """Who holds the pin, or None."""

    # factories (each claims its pins) -----------------------------------------------
    @abstractmethod
    def gpio(self, pin: Pin) -> GpioLine: ...

    @abstractmethod
    def i2c(self, scl: Pin, sda: Pin, frequency: int = 100_000) -> I2CBus: ...

    @abstractmethod
    def spi(self, sck: Pin, mosi: Pin | None = None, miso: Pin | None = None) -> SPIBus: ...

    @abstractmethod
    def uart(
        self,
        tx: Pin | None,
        rx: Pin | None,
        baudrate: int = 9600,
        *,
        bits: int = 8,
        parity: Parity | None = None,
        stop: int = 1,
        timeout: float = 1.0,
        receiver_buffer_size: int = 64,
    ) -> UART: ...

    @abstractmethod
    def pwm(
        self,
        pin: Pin,
        frequency: int = 500,
        duty_cycle: int = 0,
        *,
        variable_frequency: bool = False,
    ) -> PWMOut: ...

    @abstractmethod
    def adc(self, pin: Pin) -> AnalogIn:
        """ValueError if the pin has no ``"adc"`` feature."""

    @abstractmethod
    def dac(self, pin: Pin) -> AnalogOut:
        """ValueError if the pin has no ``"dac"`` feature."""

    @abstractmethod
    def neopixel_write(self, pin: Pin, buffer) -> None:
        """Send the bytes as WS2812 data on the pin (claimed by the caller, usually as an
        output GpioLine); a sim NeoPixel strip on that pin decodes them."""

    @abstractmethod
    def poll(self) -> int:
        """Dispatch pending edge callbacks (linux; sim dispatches as time moves); returns how many."""

    @abstractmethod
    def close(self) -> None:
        """Deinit every peripheral, release every pin, close device handles; idempotent."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
