"""The simulated board: pins from a board file, nets, claims, factories and attached virtual devices."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hal.api import (
    UART,
    AnalogIn,
    AnalogOut,
    Board,
    Clock,
    GpioLine,
    I2CBus,
    Parity,
    Pin,
    Pull,
    PWMOut,
    SPIBus,
    Trace,
)
from hal.layout import load_layout
from hal.sim.analog import SimAnalogIn, SimAnalogOut, SimPWMOut
from hal.sim.buses import SimI2CBus, SimSPIBus, _span
from hal.sim.clock import VirtualClock
from hal.sim.gpio import SimGpioLine
from hal.sim.net import Net
from hal.sim.uart import SimUART
from hal.trace import RecordingTrace

# WS2812 timing: 1.25 µs a bit, then a >50 µs low latch.
NEOPIXEL_BIT_NS = 1_250
NEOPIXEL_LATCH_NS = 80_000


class SimBoard(Board):
    """A virtual board.  Deterministic: the same program and scenario give the same trace."""

    backend = "sim"
    PULL_UP = Pull.UP

    def __init__(
        self,
        layout: str = "generic",
        scenario: str | None = None,
        realtime: bool = False,
        *,
        io_cost_ns: int = 1_000,
    ) -> None:
        self._layout = load_layout(layout)
        self.board_id = self._layout.board_id
        self.drive_size = self._layout.drive_size
        self.adc_bits = max(8, min(16, self._layout.adc_bits))
        self.reference_voltage = self._layout.reference_voltage
        #: virtual time one GPIO read costs: lets a busy-wait on a pin see scheduled presses
        self.io_cost_ns = io_cost_ns
        self._clock = VirtualClock(realtime=realtime)
        self._trace = RecordingTrace(self._clock.now, board_name=self.board_id)
        self._nets: dict[Pin, Net] = {}
        self._claims: dict[Pin, object] = {}
        self._live: list[Any] = []
        self._devices: dict[str, Any] = {}
        self._closed = False
        # Where devices attach (filled by the scenario loader or by attach_* calls).
        self.i2c_targets: dict[tuple[Pin, Pin], dict[int, Any]] = {}
        self.spi_targets: dict[Pin, list[Any]] = {}
        self.parallel_targets: dict[Pin, list[Any]] = {}  # data0 pin -> display links
        self.neopixel_strips: dict[Pin, Any] = {}
        self.uart_peers: dict[Pin, Any] = {}  # MCU TX pin -> device
        self.uart_by_rx: dict[Pin, SimUART] = {}  # MCU RX pin -> open UART
        if self._layout.display is not None:
            from hal.sim.builtin_display import attach_builtin_display

            attach_builtin_display(self, self._layout)
        if scenario is not None:
            from hal.sim.scenario import load_scenario

            load_scenario(self, scenario)

    # -- description -----------------------------------------------------------------
    @property
    def name(self) -> str:
        return self._layout.name

    @property
    def pins(self) -> Mapping[str, Pin]:
        return self._layout.pins

    @property
    def builtin_display(self) -> dict[str, Any] | None:
        """The layout's ``[display]`` table (what board.c builds board.DISPLAY from), or None;
        its panel is ``devices["display"]``."""
        return self._layout.display

    @property
    def default_i2c_pins(self) -> tuple[Pin, Pin] | None:
        return self._layout.defaults.get("i2c")  # type: ignore[return-value]

    @property
    def default_spi_pins(self) -> tuple[Pin, Pin, Pin] | None:
        return self._layout.defaults.get("spi")  # type: ignore[return-value]

    @property
    def default_uart_pins(self) -> tuple[Pin, Pin] | None:
        return self._layout.defaults.get("uart")  # type: ignore[return-value]

    @property
    def clock(self) -> VirtualClock:  # a Clock with scheduling (call_at...) for devices
        return self._clock

    @property
    def trace(self) -> RecordingTrace:
        return self._trace

    @property
    def devices(self) -> Mapping[str, Any]:
        return self._devices

    # -- nets and devices --------------------------------------------------------------
    def net(self, pin: Pin) -> Net:
        """The pin's wire (created on first use, so the trace lists only pins in use)."""
        net = self._nets.get(pin)
        if net is None:
            if self._layout.pins.get(pin.name) is not pin:
                raise ValueError(f"{pin!r} is not a pin of this board")
            net = self._nets[pin] = Net(pin, self._clock.now, self._trace.record)
        return net

    def add_device(self, name: str, device: Any) -> None:
        """Register a virtual device under a unique name (``board.devices[name]``)."""
        if name in self._devices:
            raise ValueError(f"device name {name!r} used twice")
        self._devices[name] = device

    def attach_i2c(self, scl: Pin, sda: Pin, address: int, device: Any) -> None:
        bus = self.i2c_targets.setdefault((scl, sda), {})
        if address in bus:
            raise ValueError(f"two I2C devices at address 0x{address:02X}")
        bus[address] = device

    def attach_spi(self, sck: Pin, device: Any) -> None:
        self.spi_targets.setdefault(sck, []).append(device)

    def attach_parallel(self, data0: Pin, device: Any) -> None:
        self.parallel_targets.setdefault(data0, []).append(device)

    # -- claims ------------------------------------------------------------------------
    def claim(self, pin: Pin, owner: object) -> None:
        if self._claims.get(pin) is not None:
            raise ValueError(f"{pin.name} in use")
        self.net(pin)
        self._claims[pin] = owner

    def release(self, pin: Pin) -> None:
        self._claims.pop(pin, None)

    def owner(self, pin: Pin) -> object | None:
        return self._claims.get(pin)

    def _register(self, peripheral: Any) -> None:
        self._live.append(peripheral)

    def _unregister(self, peripheral: Any) -> None:
        if peripheral in self._live:
            self._live.remove(peripheral)

    # -- factories ---------------------------------------------------------------------
    def gpio(self, pin: Pin) -> GpioLine:
        return SimGpioLine(self, self.pin(pin))

    def i2c(self, scl: Pin, sda: Pin, frequency: int = 100_000) -> I2CBus:
        return SimI2CBus(self, self.pin(scl), self.pin(sda), frequency)

    def spi(self, sck: Pin, mosi: Pin | None = None, miso: Pin | None = None) -> SPIBus:
        return SimSPIBus(
            self,
            self.pin(sck),
            None if mosi is None else self.pin(mosi),
            None if miso is None else self.pin(miso),
        )

    def parallel_bus(self, data0: Pin, command: Pin, chip_select: Pin, write: Pin,
                     read: Pin | None = None, reset: Pin | None = None,
                     frequency: int = 30_000_000):  # fmt: skip
        """An 8-bit parallel display bus (sim only: hal.sim.parallel)."""
        from hal.sim.parallel import SimParallelBus

        opt = [None if p is None else self.pin(p) for p in (read, reset)]
        return SimParallelBus(self, self.pin(data0), self.pin(command), self.pin(chip_select),
                              self.pin(write), opt[0], opt[1], frequency)  # fmt: skip

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
    ) -> UART:
        tx = None if tx is None else self.pin(tx)
        rx = None if rx is None else self.pin(rx)
        return SimUART(self, tx, rx, baudrate, bits, parity, stop, timeout, receiver_buffer_size)

    def pwm(
        self,
        pin: Pin,
        frequency: int = 500,
        duty_cycle: int = 0,
        *,
        variable_frequency: bool = False,
    ) -> PWMOut:
        return SimPWMOut(self, self.pin(pin), frequency, duty_cycle, variable_frequency)

    def adc(self, pin: Pin) -> AnalogIn:
        return SimAnalogIn(self, self.pin(pin))

    def dac(self, pin: Pin) -> AnalogOut:
        return SimAnalogOut(self, self.pin(pin))

    def neopixel_write(self, pin: Pin, buffer) -> None:
        pin = self.pin(pin)
        data = bytes(_span(buffer, 0, None))
        self.net(pin)
        self._clock.advance_ns(len(data) * 8 * NEOPIXEL_BIT_NS + NEOPIXEL_LATCH_NS)
        self._trace.record("neopixel", pin.name, data.hex(" "), {"bytes": data})
        strip = self.neopixel_strips.get(pin)
        if strip is not None:
            strip.receive(data)

    # -- life cycle --------------------------------------------------------------------
    def poll(self) -> int:
        # Edges are dispatched as virtual time moves; nothing is ever pending here.
        return 0

    def close(self) -> None:
        if self._closed:
            return
        for peripheral in list(self._live):
            peripheral.deinit()
        for device in self._devices.values():
            device.close()
        net = self.__dict__.get("_network")  # only if the run opened it
        if net is not None:
            net.close()
        self._claims.clear()
        self._closed = True


__all__ = ["Clock", "SimBoard", "Trace"]
