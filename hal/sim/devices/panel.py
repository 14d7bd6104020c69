"""What every simulated display panel shares: its bus links (SPI with a D/C pin, I2C with a
control byte), the picture as an RGB numpy array, and refresh events (frames with times).

A panel model implements ``bus_bytes(is_data, data)`` (a run of command or data bytes in the
order the controller sees them), ``bus_idle()`` (chip select released / I2C stop),
``hardware_reset()`` and ``glass()`` (an ``(height, width, 3)`` uint8 array of what the
controller shows now; ``picture()`` adds the backlight and power pins).  It calls ``changed(window)`` whenever what the glass shows may have changed.

Refresh events: drivers write one screen update as several RAM-write bursts (CircuitPython
sends a dirty area in chunks, each with its own address window).  Changes closer together
than ``frame_gap_ms`` of virtual time belong to one refresh; a refresh ends when the next
change comes later than that, or when someone asks for frames (``flush_frame``) or the board
closes.  Each refresh is one trace event (kind ``"display"``, signal = device name, data =
``window`` [x0, y0, x1, y1] in the picture's coordinates, inclusive, and ``frame`` = its
number) and one call of each ``frame_listeners`` entry: ``listener(panel, number, t_ns, rgb)``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from hal.sim.devices.base import Device, I2CTarget, SPITarget

FrameListener = Callable[["Panel", int, int, np.ndarray], None]


class Panel(Device):
    """A display panel: picture, PNG output and refresh events."""

    TYPE = ""

    def __init__(self, board, name: str, width: int, height: int, *, png: str | None = None,
                 frame_gap_ms: float = 2.0) -> None:  # fmt: skip
        super().__init__(board, name)
        self.width, self.height = width, height
        self.png_path = png
        self.frame_gap_ns = int(frame_gap_ms * 1_000_000)
        self.frame_listeners: list[FrameListener] = []
        self.frames_done = 0
        self._dirty: list[int] | None = None  # [x0, y0, x1, y1] changed since the last frame
        self._last_change_ns = 0

    # -- for models ----------------------------------------------------------------------
    def bus_bytes(self, is_data: bool, data: bytes) -> None:
        raise NotImplementedError

    def bus_idle(self) -> None:
        """Chip select went high or the I2C transaction stopped."""

    def hardware_reset(self) -> None:
        raise NotImplementedError

    def glass(self) -> np.ndarray:
        """What the controller drives the glass with: ``(height, width, 3)`` uint8."""
        raise NotImplementedError

    # -- power and backlight ----------------------------------------------------------------
    def wire_light(self, backlight=None, power=None, backlight_on_high: bool = True) -> None:
        """Optional pins: ``backlight`` (its level, or PWM duty, scales the picture; the
        level that lights it is ``backlight_on_high``) and ``power`` (low: the panel is dark)."""
        self.backlight_net = None if backlight is None else self.board.net(backlight)
        self.power_net = None if power is None else self.board.net(power)
        self.backlight_on_high = backlight_on_high
        for net in (self.backlight_net, self.power_net):
            if net is not None:
                net.listeners.append(lambda net, level, t: self.changed())
                net.pwm_listeners.append(lambda net, pwm, t: self.changed())

    def brightness(self) -> float:
        """0.0 (dark) to 1.0, from the power and backlight pins (1.0 without them)."""
        if getattr(self, "power_net", None) is not None and self.power_net.read() == 0:
            return 0.0
        net = getattr(self, "backlight_net", None)
        if net is None:
            return 1.0
        if net.pwm is not None:
            duty = net.pwm[0] / 65535
            return duty if self.backlight_on_high else 1.0 - duty
        return 1.0 if net.read() == (1 if self.backlight_on_high else 0) else 0.0

    def picture(self) -> np.ndarray:
        """What the panel shows now: ``(height, width, 3)`` uint8 RGB (glass x backlight)."""
        level = self.brightness()
        if level >= 1.0:
            return self.glass()
        if level <= 0.0:
            return np.zeros((self.height, self.width, 3), np.uint8)
        return (self.glass() * level + 0.5).astype(np.uint8)

    def receive(self, is_data: bool, data: bytes) -> None:
        """Bytes from the bus link: first close a refresh that is over, then decode."""
        self.about_to_change()
        self.bus_bytes(is_data, data)

    def reset_line(self) -> None:
        """The RST pin went low."""
        self.about_to_change()
        self.hardware_reset()

    def about_to_change(self) -> None:
        """If the last change is older than the frame gap, that refresh is complete: emit it
        (models call this before touching what the glass shows; the links do it for them)."""
        if self._dirty is not None:
            if self.board.clock.now() - self._last_change_ns > self.frame_gap_ns:
                self._emit_frame(self._last_change_ns)

    def changed(self, window: tuple[int, int, int, int] | None = None) -> None:
        """What the glass shows may have changed in ``window`` (picture coordinates,
        inclusive; None: everywhere).  Starts a new refresh if the last change is old."""
        self.about_to_change()
        now = self.board.clock.now()
        x0, y0, x1, y1 = window or (0, 0, self.width - 1, self.height - 1)
        p = self._dirty
        self._dirty = (
            [x0, y0, x1, y1] if p is None
            else [min(p[0], x0), min(p[1], y0), max(p[2], x1), max(p[3], y1)]
        )  # fmt: skip
        self._last_change_ns = now

    def flush_frame(self) -> None:
        """End the refresh in progress now (if any): its event and frame go out."""
        if self._dirty is not None:
            self._emit_frame(self._last_change_ns)

    def _emit_frame(self, t_ns: int) -> None:
        window, self._dirty = self._dirty, None
        self.frames_done += 1
        self.board.trace.record(
            "display", self.name, f"refresh {self.frames_done} {window}",
            {"frame": self.frames_done, "window": window, "t_ns": t_ns},
        )  # fmt: skip
        if self.frame_listeners:
            rgb = self.picture()
            for listener in list(self.frame_listeners):
                listener(self, self.frames_done, t_ns, rgb)

    # -- output ----------------------------------------------------------------------------
    def to_image(self, scale: int = 1):
        """The picture as a Pillow RGB image, each pixel ``scale`` wide."""
        from PIL import Image

        img = Image.fromarray(np.ascontiguousarray(self.picture()), "RGB")
        if scale != 1:
            img = img.resize((self.width * scale, self.height * scale), Image.NEAREST)
        return img

    def save_png(self, path: str, scale: int = 1) -> None:
        self.to_image(scale).save(path, format="PNG")

    def close(self) -> None:
        self.flush_frame()
        if self.png_path:
            self.save_png(self.png_path)

    def state(self) -> dict[str, Any]:
        return {"frames": self.frames_done, "size": [self.width, self.height]}


class SpiDisplayLink(SPITarget):
    """4-wire SPI: chip select, D/C (low = command, high = data) and an optional reset pin
    (low resets).  Bytes are handed to the panel in runs of equal D/C."""

    def __init__(self, board, panel: Panel, sck, cs, dc, rst=None) -> None:
        self.panel = panel
        super().__init__(board, panel.name, sck, cs)
        self._dc_net = board.net(dc)
        if rst is not None:
            board.net(rst).listeners.append(self._on_reset)

    def _on_reset(self, net, level: int, t_ns: int) -> None:
        if level == 0:
            self.panel.reset_line()

    def spi_transfer(self, data: bytes, polarity: int, phase: int) -> bytes:
        self.panel.receive(self._dc_net.read() == 1, data)
        return b"\xff" * len(data)  # MISO (reads) is not modelled

    def spi_exchange(self, byte: int, polarity: int, phase: int) -> int:
        return self.spi_transfer(bytes((byte,)), polarity, phase)[0]

    def spi_deselect(self) -> None:
        self.panel.bus_idle()


class I2CDisplayLink(I2CTarget):
    """I2C with the SSD1306/SH1106 control byte: Co (bit 7) = one byte then another control
    byte, D/C# (bit 6) = data (1) or commands (0)."""

    def __init__(self, board, panel: Panel, scl, sda, address: int) -> None:
        super().__init__(board, panel.name)
        self.panel = panel
        board.attach_i2c(scl, sda, address, self)
        self._expect_control = True
        self._single = False
        self._is_data = False

    def i2c_start(self, read: bool) -> bool:
        self._expect_control = True
        return True

    def i2c_read(self) -> int:
        return self.panel.status_byte() if hasattr(self.panel, "status_byte") else 0xFF

    def i2c_write(self, byte: int) -> bool:
        if self._expect_control:
            self._single = bool(byte & 0x80)
            self._is_data = bool(byte & 0x40)
            self._expect_control = False
            return True
        self.panel.receive(self._is_data, bytes((byte,)))
        self._expect_control = self._single
        return True

    def i2c_stop(self) -> None:
        self.panel.bus_idle()


class ParallelDisplayLink(Device):
    """8080-style parallel bus (hal.sim.parallel): chip select, command/data and reset lines
    watched like the SPI link's; bytes come from ``SimParallelBus.send``."""

    def __init__(self, board, panel: Panel, data0, cs, dc, rst=None) -> None:
        super().__init__(board, panel.name)
        self.panel = panel
        self._cs_net, self._dc_net = board.net(cs), board.net(dc)
        self._cs_net.listeners.append(self._on_cs)
        if rst is not None:
            board.net(rst).listeners.append(self._on_reset)
        board.attach_parallel(data0, self)

    def selected(self) -> bool:
        return self._cs_net.read() == 0

    def parallel_transfer(self, data: bytes) -> None:
        self.panel.receive(self._dc_net.read() == 1, data)

    def _on_cs(self, net, level: int, t_ns: int) -> None:
        if level == 1:
            self.panel.bus_idle()

    def _on_reset(self, net, level: int, t_ns: int) -> None:
        if level == 0:
            self.panel.reset_line()


def attach_link(panel: Panel, spec, *, i2c_addresses: tuple[int, ...] | None = None) -> None:
    """Attach ``panel`` as its scenario table says: SPI (``cs``, ``dc``, optional ``rst`` and
    ``sck``), 8-bit parallel (``bus = "parallel"``, ``data0``, ``cs``, ``dc``, optional
    ``rst``) or, if the panel can, I2C (``bus = "i2c"``, ``address``, optional scl/sda)."""
    board = panel.board
    kinds = ("spi", "parallel", "i2c") if i2c_addresses else ("spi", "parallel")
    bus = spec.string("bus", "spi", choices=kinds)
    if bus == "i2c":
        scl, sda = spec.i2c_pins()
        address = spec.integer("address", i2c_addresses[0], lo=min(i2c_addresses),
                               hi=max(i2c_addresses))  # fmt: skip
        panel.link = I2CDisplayLink(board, panel, scl, sda, address)
        return
    rst = spec.pin("rst") if spec.has("rst") else None
    if bus == "parallel":
        panel.link = ParallelDisplayLink(board, panel, spec.pin("data0"), spec.pin("cs"),
                                         spec.pin("dc"), rst)  # fmt: skip
        return
    sck = spec.spi_sck()
    panel.link = SpiDisplayLink(board, panel, sck, spec.pin("cs"), spec.pin("dc"), rst)


def wire_light_from_spec(panel: Panel, spec) -> None:
    """Scenario keys ``backlight`` (pin), ``backlight_on_high`` (true) and ``power`` (pin)."""
    panel.wire_light(
        spec.pin("backlight") if spec.has("backlight") else None,
        spec.pin("power") if spec.has("power") else None,
        spec.boolean("backlight_on_high", True),
    )
