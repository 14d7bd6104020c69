"""Guest module `machine` (MicroPython): Pin, Signal, I2C/SoftI2C, SPI/SoftSPI, PWM, ADC, Timer,
UART and the board-level functions, on the current hal board.

Pins are shared (MicroPython has no 'in use'): one machine.Pin per hal pin per run, holding the
hal GPIO line; a bus or PWM built on a pin takes the pin over from it.  Pin.irq handlers and Timer
callbacks are soft: queued and run at the next safe point (sleep, clock read, ``_hw.service``).
"""

from __future__ import annotations

from typing import Any, Self

from hal import api as _api
from jitvm.modules import _hw
from jitvm.modules._machine_bus import I2C, SPI, UART, SoftI2C, SoftSPI
from jitvm.modules._machine_pwm import PWM
from jitvm.modules._machine_rtc import RTC, WDT

__all__ = [
    "ADC",
    "DEEPSLEEP_RESET",
    "HARD_RESET",
    "I2C",
    "PWM",
    "PWRON_RESET",
    "RTC",
    "SOFT_RESET",
    "SPI",
    "UART",
    "WDT",
    "WDT_RESET",
    "Pin",
    "PinBase",
    "Signal",
    "SoftI2C",
    "SoftSPI",
    "Timer",
    "bootloader",
    "deepsleep",
    "disable_irq",
    "enable_irq",
    "freq",
    "idle",
    "lightsleep",
    "mem16",
    "mem32",
    "mem8",
    "reset",
    "reset_cause",
    "soft_reset",
    "time_pulse_us",
    "unique_id",
]

PWRON_RESET = 1
WDT_RESET = 3
HARD_RESET = 2
SOFT_RESET = 5
DEEPSLEEP_RESET = 4

_UNSET = object()


def hal_pin(obj: Any) -> _api.Pin:
    """A pin argument (machine.Pin, GPIO number, name or hal Pin) -> hal Pin; detaches a
    machine.Pin's GPIO line so a peripheral can claim the pin."""
    if isinstance(obj, Pin):
        obj._detach()
        return obj._pin
    return _lookup(obj)


def _lookup(obj: Any) -> _api.Pin:
    if isinstance(obj, _api.Pin):
        return obj
    if isinstance(obj, bool) or not isinstance(obj, (int, str)):
        raise TypeError(f"expecting a pin, not {_hw.type_name(obj)}")
    try:
        return _hw.get_board().pin(obj)
    except ValueError:
        raise ValueError("invalid pin") from None


class _PinIRQ:
    """What Pin.irq() returns: trigger() and flags()."""

    def __init__(self, pin: Pin) -> None:
        self._pin = pin
        self._flags = 0

    def trigger(self, trigger: Any = _UNSET) -> int:
        if trigger is not _UNSET:
            self._pin.irq(self._pin._handler, trigger)
        return self._pin._trigger

    def flags(self) -> int:
        flags, self._flags = self._flags, 0
        return flags


class Pin:
    """A GPIO pin: modes IN/OUT/OPEN_DRAIN, pulls, value, irq."""

    IN = 0
    OUT = 1
    OPEN_DRAIN = 2
    ALT = 3
    PULL_UP = 1
    PULL_DOWN = 2
    IRQ_FALLING = 4
    IRQ_RISING = 8

    def __new__(cls, id: Any, *args: Any, **kwargs: Any) -> Self:
        pin = _lookup(id)
        registry = _hw.machine_pins()
        obj = registry.get(pin)
        if obj is None:
            obj = super().__new__(cls)
            obj._pin = pin
            obj._line = None
            obj._mode = None
            obj._pull = None
            obj._latch = 0
            obj._handler = None
            obj._trigger = 0
            obj._irq = None
            registry[pin] = obj
        return obj

    def __init__(
        self,
        id: Any,
        mode: int = -1,
        pull: Any = -1,
        *,
        value: Any = None,
        drive: Any = None,
        alt: Any = None,
    ) -> None:
        if mode != -1 or pull != -1 or value is not None:
            self.init(mode, pull, value=value)

    # line handling --------------------------------------------------------------------
    def _gpio(self) -> _api.GpioLine:
        line = self._line
        if line is None or line.deinited:
            line = _hw.get_board().gpio(self._pin)
            self._line = line
            if self._mode is not None:
                self._apply(line)
            if self._handler is not None:
                self._arm(line)
        return line

    def _detach(self) -> None:
        if self._line is not None:
            if self._handler is not None:
                _hw.irq_source_removed()
                self._handler = None
            self._line.deinit()
            self._line = None
            self._mode = None

    def _apply(self, line: _api.GpioLine) -> None:
        if self._mode == Pin.IN:
            line.switch_to_input(self._pull)
        elif self._mode == Pin.OPEN_DRAIN:
            line.switch_to_output(bool(self._latch), _api.DriveMode.OPEN_DRAIN)
        elif self._mode == Pin.OUT:
            line.switch_to_output(bool(self._latch), _api.DriveMode.PUSH_PULL)

    # configuration --------------------------------------------------------------------
    def init(
        self,
        mode: int = -1,
        pull: Any = -1,
        *,
        value: Any = None,
        drive: Any = None,
        alt: Any = None,
    ) -> None:
        """Re-initialise the pin; arguments not given leave that part unchanged."""
        if value is not None:
            self._latch = 1 if value else 0
        if pull != -1:
            if pull is None:
                self._pull = None
            elif pull == Pin.PULL_UP:
                self._pull = _api.Pull.UP
            elif pull == Pin.PULL_DOWN:
                self._pull = _api.Pull.DOWN
            else:
                raise ValueError("invalid pull")
        if mode != -1:
            if mode not in (Pin.IN, Pin.OUT, Pin.OPEN_DRAIN):
                raise ValueError("invalid pin mode")
            self._mode = mode
        elif self._mode is None:
            self._mode = Pin.IN
        self._apply(self._gpio())

    def mode(self, mode: Any = _UNSET) -> Any:
        if mode is _UNSET:
            return Pin.IN if self._mode is None else self._mode
        self.init(mode)
        return None

    def pull(self, pull: Any = _UNSET) -> Any:
        if pull is _UNSET:
            return {None: None, _api.Pull.UP: Pin.PULL_UP, _api.Pull.DOWN: Pin.PULL_DOWN}[
                self._pull
            ]
        self.init(-1, pull)
        return None

    # levels -----------------------------------------------------------------------------
    def value(self, x: Any = _UNSET) -> Any:
        """Read the level (no argument) or set the output level."""
        line = self._gpio()
        if x is _UNSET:
            return 1 if line.value else 0
        self._latch = 1 if x else 0
        if line.direction is _api.Direction.OUTPUT:
            line.value = bool(self._latch)
        return None

    def __call__(self, x: Any = _UNSET) -> Any:
        return self.value(x)

    def on(self) -> None:
        self.value(1)

    def off(self) -> None:
        self.value(0)

    high = on
    low = off

    def toggle(self) -> None:
        self.value(0 if self._latch else 1)

    # interrupts -------------------------------------------------------------------------
    def irq(
        self,
        handler: Any = None,
        trigger: int = IRQ_FALLING | IRQ_RISING,
        *,
        priority: int = 1,
        wake: Any = None,
        hard: bool = False,
    ) -> _PinIRQ:
        """Call ``handler(pin)`` on the given edges (soft IRQ); handler=None disables."""
        if self._irq is None:
            self._irq = _PinIRQ(self)
        line = self._gpio()
        had = self._handler is not None
        self._handler = handler
        self._trigger = trigger if handler is not None else 0
        if handler is None:
            line.on_edge(None)
            if had:
                _hw.irq_source_removed()
        else:
            if not had:
                _hw.irq_source_added()
            self._arm(line)
        return self._irq

    def _arm(self, line: _api.GpioLine) -> None:
        rising = bool(self._trigger & Pin.IRQ_RISING)
        falling = bool(self._trigger & Pin.IRQ_FALLING)
        if rising and falling:
            edge = _api.Edge.BOTH
        elif rising:
            edge = _api.Edge.RISING
        elif falling:
            edge = _api.Edge.FALLING
        else:
            line.on_edge(None)
            return
        line.on_edge(edge, self._on_edge)

    def _on_edge(self, line: _api.GpioLine, timestamp_ns: int) -> None:
        # Runs inside a hal call: only queue the guest handler.
        handler = self._handler
        if handler is None:
            return
        if self._irq is not None:
            self._irq._flags |= Pin.IRQ_RISING if line.value else Pin.IRQ_FALLING
        _hw.queue_soft(handler, self)

    def __repr__(self) -> str:
        mode = {Pin.IN: "IN", Pin.OUT: "OUT", Pin.OPEN_DRAIN: "OPEN_DRAIN"}.get(self._mode, "IN")
        name = f"GPIO{self._pin.number}" if self._pin.number is not None else self._pin.name
        extra = ""
        if self._pull is _api.Pull.UP:
            extra = ", pull=PULL_UP"
        elif self._pull is _api.Pull.DOWN:
            extra = ", pull=PULL_DOWN"
        return f"Pin({name}, mode={mode}{extra})"


class PinBase:
    """``machine.PinBase``: a base for pins written in Python. Signal (and the other users of
    MicroPython's pin protocol) drive such a pin through its ``value()`` method."""

    __guest_subclassable__ = True


class Signal:
    """A pin with optional inversion: on() means 'active'. The pin is a machine.Pin, a
    PinBase subclass of the program's, or the arguments to make a Pin."""

    __guest_subclassable__ = True  # MicroPython's one callable native class with make_new

    def __init__(self, pin: Any, *args: Any, invert: bool = False, **kwargs: Any) -> None:
        self._pin = pin if isinstance(pin, (Pin, PinBase)) else Pin(pin, *args, **kwargs)
        self._invert = bool(invert)

    def value(self, x: Any = _UNSET) -> Any:
        if x is _UNSET:
            return self._pin.value() ^ self._invert
        self._pin.value(bool(x) ^ self._invert)
        return None

    def __call__(self, x: Any = _UNSET) -> Any:
        return self.value(x)

    def on(self) -> None:
        self.value(1)

    def off(self) -> None:
        self.value(0)


def time_pulse_us(pin: Any, pulse_level: Any, timeout_us: Any = 1_000_000) -> int:
    """MicroPython's machine_time_pulse_us: wait (up to ``timeout_us``) for the pin to reach
    ``pulse_level`` (-2 if it does not), then time how long it stays there (-1 past the
    timeout). The pin is read through its ``value()``, a Pin or a PinBase of the program's;
    each read of the board clock costs virtual time, so the waits end on the sim board."""
    from jitvm import interrupt

    if not isinstance(pin, (Pin, PinBase)):
        pin = Pin(pin)
    level = int(pulse_level)
    timeout_ns = int(timeout_us) * 1000
    for at_level, missing in ((False, -2), (True, -1)):  # not yet at the level, then at it
        start = _hw.now_ns()
        while (pin.value() == level) == at_level:
            interrupt.check()
            if _hw.now_ns() - start >= timeout_ns:
                return missing
    return (_hw.now_ns() - start) // 1000


class ADC:
    """An analog input: read_u16() 0..65535, read_uv() microvolts."""

    CORE_TEMP = 4

    def __init__(self, pin: Any, *, atten: Any = None) -> None:
        board = _hw.get_board()
        self._dev: Any = None
        if isinstance(pin, int) and not isinstance(pin, bool) and 0 <= pin <= 4:
            adc_pins = [p for p in dict.fromkeys(board.pins.values()) if p.supports("adc")]
            if pin == ADC.CORE_TEMP:
                return  # the on-chip temperature sensor (rp2's ADC(4))
            if pin < len(adc_pins):
                pin = adc_pins[pin]
        hp = hal_pin(pin)
        if not hp.supports("adc"):
            raise ValueError("Pin doesn't have ADC capabilities")
        # ADC objects are not exclusive in MicroPython: share one converter channel per pin.
        channels = _hw.singletons().setdefault("machine.ADC", {})
        dev = channels.get(hp)
        if dev is None or dev.deinited:
            dev = channels[hp] = board.adc(hp)
        self._dev = dev

    def read_u16(self) -> int:
        if self._dev is None:
            # 27 degC on an RP2040: 0.706 V of 3.3 V.
            return round(0.706 / 3.3 * 65535)
        return int(self._dev.value)

    def read_uv(self) -> int:
        ref = 3.3 if self._dev is None else self._dev.reference_voltage
        return round(self.read_u16() * ref * 1_000_000 / 65535)


class Timer:
    """A virtual-clock timer: ONE_SHOT or PERIODIC callbacks ``callback(timer)``."""

    ONE_SHOT = 0
    PERIODIC = 1

    def __init__(self, id: int = -1, **kwargs: Any) -> None:
        self._task: Any = None
        self._id = id
        if kwargs:
            self.init(**kwargs)

    def init(
        self,
        *,
        mode: int = PERIODIC,
        period: int = -1,
        freq: float = -1,
        callback: Any = None,
        tick_hz: int = 1000,
        hard: bool = True,
    ) -> None:
        self.deinit()
        if freq != -1:
            if freq <= 0:
                raise ValueError("freq must be positive")
            period_ns = round(1_000_000_000 / freq)
        elif period != -1:
            if period < 0:
                raise ValueError("period must be positive")
            period_ns = round(period * 1_000_000_000 / tick_hz)
        else:
            period_ns = 1_000_000_000 // tick_hz * 0xFFFFFFFF  # MicroPython's default: very long
        if mode not in (Timer.ONE_SHOT, Timer.PERIODIC):
            raise ValueError("invalid mode")
        self._mode = mode
        self._period_ns = max(1, period_ns)
        self._callback = callback
        start = _hw.get_board().clock.monotonic_ns()
        self._task = _hw.schedule_at(start + self._period_ns, self._fire)

    def _fire(self, deadline_ns: int) -> None:
        if self._mode == Timer.PERIODIC:
            self._task = _hw.schedule_at(deadline_ns + self._period_ns, self._fire)
        else:
            self._task = None
        if self._callback is not None:
            _hw.queue_soft(self._callback, self)

    def deinit(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None

    def __repr__(self) -> str:
        mode = "PERIODIC" if getattr(self, "_mode", 1) == Timer.PERIODIC else "ONE_SHOT"
        period = getattr(self, "_period_ns", 0) // 1000
        return f"Timer(mode={mode}, tick_hz=1000000, period={period})"


# --------------------------------------------------------------------------- functions


def freq(hz: Any = _UNSET) -> Any:
    """Get or set the CPU frequency in Hz."""
    if hz is _UNSET:
        return _hw.cpu_frequency()
    if not isinstance(hz, int) or hz <= 0:
        raise ValueError("cannot change frequency")
    _hw.set_cpu_frequency(hz)
    return None


def reset() -> None:
    """Hard-reset the board: ends the run."""
    raise _hw.ResetRequested("hard")


def soft_reset() -> None:
    """Soft-reset the interpreter: ends the run."""
    raise _hw.ResetRequested("soft")


def bootloader(*args: Any) -> None:
    raise _hw.ResetRequested("bootloader")


def reset_cause() -> int:
    return PWRON_RESET


def unique_id() -> bytes:
    """The board's unique id (8 bytes on an RP2040)."""
    from jitvm.modules.microcontroller import board_uid

    return board_uid(_hw.get_board())


def idle() -> None:
    """Wait for the next interrupt: one 1 ms system tick on the board clock."""
    _hw.sleep_ns(1_000_000)


def lightsleep(time_ms: Any = None) -> None:
    """Sleep ``time_ms`` (no argument: until the next scheduled event, at most 1 s)."""
    if time_ms is None:
        _hw.sleep_ns(1_000_000_000)
    else:
        _hw.sleep_ns(int(time_ms) * 1_000_000)


def deepsleep(time_ms: Any = None) -> None:
    """Deep sleep ends in a reset, which ends the run."""
    if time_ms is not None:
        _hw.sleep_ns(int(time_ms) * 1_000_000)
    raise _hw.ResetRequested("deepsleep")


def disable_irq() -> int:
    """Also keeps other guest threads from running until enable_irq (as on a board)."""
    sched = _hw.threads(create=False)
    if sched is not None:
        sched.irq_off += 1
    return 1


def enable_irq(state: int = 1) -> None:
    sched = _hw.threads(create=False)
    if sched is not None and sched.irq_off:
        sched.irq_off -= 1
    _hw.service()


class mem:
    """``machine.mem8/16/32``: memory by address. jitvm's guest has no raw memory: an address
    is one of the virtual addresses viper pointers use (``jitvm.viper.Memory``: the buffers
    the program took a pointer to); any other address raises OSError(EFAULT)."""

    __slots__ = ("_size",)

    def __init__(self, size: int) -> None:
        self._size = size

    def __repr__(self) -> str:
        return f"<{8 * self._size}-bit memory>"

    def _addr(self, a) -> int:
        from ..viper import _get_int, word

        addr = word(_get_int(a), 64, False)
        if addr & (self._size - 1):
            from ..gexc import GUEST_EXC

            raise GUEST_EXC["ValueError"](
                f"address {addr:08x} is not aligned to {self._size} bytes")
        return addr

    def __getitem__(self, a):
        from ..viper import MEMORY

        return MEMORY.load(self._addr(a), self._size)

    def __setitem__(self, a, value) -> None:
        from ..viper import MEMORY, _get_int

        MEMORY.store(self._addr(a), self._size, _get_int(value))


mem8, mem16, mem32 = mem(1), mem(2), mem(4)
