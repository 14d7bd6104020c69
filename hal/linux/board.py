"""A real board under Linux: pins from a board file mapped to (gpiochip, line), buses to /dev nodes."""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from hal.api import (
    UART,
    AnalogIn,
    AnalogOut,
    Board,
    Clock,
    GpioLine,
    HalError,
    I2CBus,
    Parity,
    Pin,
    PWMOut,
    SPIBus,
)
from hal.layout import load_layout
from hal.linux.buses import LinuxI2CBus, LinuxSPIBus
from hal.linux.gpio import LinuxGpioLine
from hal.trace import RecordingTrace


class LinuxClock(Clock):
    """CLOCK_MONOTONIC (the clock gpiod timestamps edges with).  Sleeping dispatches edges."""

    virtual = False

    def __init__(self, board: LinuxBoard) -> None:
        self._board = board
        self._start = time.monotonic_ns()

    def monotonic_ns(self) -> int:
        return time.monotonic_ns() - self._start

    def sleep_ns(self, ns: int) -> None:
        if ns < 0:
            raise ValueError("sleep length must be non-negative")
        deadline = time.monotonic_ns() + ns
        # With edge callbacks registered, wake every 5 ms to run them (soft-IRQ latency).
        while True:
            self._board.poll()
            left = deadline - time.monotonic_ns()
            if left <= 0:
                return
            time.sleep(min(left, 5_000_000 if self._board._watched else left) / 1e9)

    def advance_ns(self, ns: int) -> None:
        pass  # real time moves by itself


class LinuxBoard(Board):
    """Board file keys used here: ``[linux] chip`` (default chip for ``GPIOn`` keys),
    ``i2c = [{bus, scl, sda}]``, ``spi = [{bus, device, sck, mosi, miso}]``; a pin may also
    give ``chip``/``line`` itself."""

    backend = "linux"

    def __init__(self, layout: str = "raspberry_pi_linux") -> None:
        if layout == "generic":
            layout = "raspberry_pi_linux"
        self._linux_cfg: dict[str, Any] = {}

        def make_id(key: str, number: int | None, data: dict[str, Any]) -> tuple[str, int]:
            chip = data.get("chip", self._linux_cfg.get("chip", "/dev/gpiochip0"))
            line = data.get("line", number)
            if line is None:
                raise HalError(f"board file: pin {key} has no line number")
            return (str(chip), int(line))

        # The [linux] table must be known before the pins are built: peek at it first.
        import tomllib

        from hal.layout import resolve_layout_path

        path = resolve_layout_path(layout)
        try:
            self._linux_cfg = tomllib.loads(path.read_text(encoding="utf-8")).get("linux", {})
        except tomllib.TOMLDecodeError as exc:
            raise HalError(f"{path}: {exc}") from None
        self._layout = load_layout(layout, make_id=make_id)
        self.board_id = self._layout.board_id
        self.drive_size = self._layout.drive_size
        self._clock = LinuxClock(self)
        self._trace = RecordingTrace(self._clock.monotonic_ns, board_name=self.board_id)
        self._claims: dict[Pin, object] = {}
        self._live: list[Any] = []
        self._watched: list[LinuxGpioLine] = []
        self._closed = False

    @property
    def name(self) -> str:
        return self._layout.name

    @property
    def pins(self) -> Mapping[str, Pin]:
        return self._layout.pins

    @property
    def default_i2c_pins(self):
        return self._layout.defaults.get("i2c")

    @property
    def default_spi_pins(self):
        return self._layout.defaults.get("spi")

    @property
    def default_uart_pins(self):
        return self._layout.defaults.get("uart")

    @property
    def clock(self) -> Clock:
        return self._clock

    @property
    def trace(self) -> RecordingTrace:
        return self._trace

    # claims
    def claim(self, pin: Pin, owner: object) -> None:
        if self._claims.get(pin) is not None:
            raise ValueError(f"{pin.name} in use")
        self._claims[pin] = owner

    def release(self, pin: Pin) -> None:
        self._claims.pop(pin, None)

    def owner(self, pin: Pin) -> object | None:
        return self._claims.get(pin)

    def _register(self, p: Any) -> None:
        self._live.append(p)

    def _unregister(self, p: Any) -> None:
        if p in self._live:
            self._live.remove(p)

    def _watch(self, line: LinuxGpioLine, on: bool) -> None:
        if on and line not in self._watched:
            self._watched.append(line)
        elif not on and line in self._watched:
            self._watched.remove(line)

    # factories
    def gpio(self, pin: Pin) -> GpioLine:
        return LinuxGpioLine(self, self.pin(pin))

    def _bus_entry(self, kind: str, wanted: dict[str, Pin | None]) -> dict[str, Any]:
        for entry in self._linux_cfg.get(kind, []):
            if all(
                p is None or self.pins.get(entry.get(role, "")) is p for role, p in wanted.items()
            ):
                return entry
        names = ", ".join(f"{r}={p.name}" for r, p in wanted.items() if p is not None)
        raise ValueError(
            f"no {kind.upper()} bus on pins {names} in {self._layout.path.name} ([linux] {kind})"
        )

    def i2c(self, scl: Pin, sda: Pin, frequency: int = 100_000) -> I2CBus:
        scl, sda = self.pin(scl), self.pin(sda)
        entry = self._bus_entry("i2c", {"scl": scl, "sda": sda})
        return LinuxI2CBus(self, scl, sda, frequency, int(entry["bus"]))

    def spi(self, sck: Pin, mosi: Pin | None = None, miso: Pin | None = None) -> SPIBus:
        pins = {
            "sck": self.pin(sck),
            "mosi": mosi and self.pin(mosi),
            "miso": miso and self.pin(miso),
        }
        entry = self._bus_entry("spi", pins)
        return LinuxSPIBus(
            self,
            [p for p in pins.values() if p is not None],
            int(entry["bus"]),
            int(entry.get("device", 0)),
        )

    def _unsupported(self, what: str):
        raise HalError(f"linux backend: {what} is not supported yet")

    def uart(self, tx, rx, baudrate: int = 9600, *, bits: int = 8, parity: Parity | None = None, stop: int = 1,
             timeout: float = 1.0, receiver_buffer_size: int = 64) -> UART:  # fmt: skip
        self._unsupported("UART")

    def pwm(
        self,
        pin: Pin,
        frequency: int = 500,
        duty_cycle: int = 0,
        *,
        variable_frequency: bool = False,
    ) -> PWMOut:
        self._unsupported("PWM")

    def adc(self, pin: Pin) -> AnalogIn:
        self._unsupported("AnalogIn")

    def dac(self, pin: Pin) -> AnalogOut:
        self._unsupported("AnalogOut")

    def neopixel_write(self, pin: Pin, buffer) -> None:
        self._unsupported("neopixel_write")

    def poll(self) -> int:
        return sum(line.dispatch_events() for line in list(self._watched))

    def close(self) -> None:
        if self._closed:
            return
        for p in list(self._live):
            p.deinit()
        net = self.__dict__.get("_network")  # only if the run opened it
        if net is not None:
            net.close()
        self._closed = True
