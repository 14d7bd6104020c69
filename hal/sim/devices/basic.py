"""Pin-level virtual devices: an LED, a push button with a scripted timeline, an analog source."""

from __future__ import annotations

from typing import Any

from hal.api import Pin, Pull
from hal.sim.devices.base import Device
from hal.sim.spec import Spec, SpecError


class Led(Device):
    """An LED on a pin: records every on/off change (and PWM brightness) with its time."""

    TYPE = "led"

    def __init__(self, board, name: str, pin: Pin, active_high: bool = True) -> None:
        super().__init__(board, name)
        self.pin = pin
        self.active_high = active_high
        net = board.net(pin)
        net.listeners.append(self._on_level)
        net.pwm_listeners.append(self._on_pwm)
        self.history: list[tuple[int, float]] = []  # (time_ns, brightness 0..1)
        self.brightness = self._level_brightness(net.read())

    @classmethod
    def from_spec(cls, board, name: str, spec: Spec) -> Led:
        pin = spec.pin("pin")
        active = spec.string("active", "high", choices=("high", "low"))
        return cls(board, name, pin, active == "high")

    def _level_brightness(self, level: int) -> float:
        return 1.0 if bool(level) == self.active_high else 0.0

    def _set(self, brightness: float, t_ns: int) -> None:
        if brightness != self.brightness:
            self.brightness = brightness
            self.history.append((t_ns, brightness))

    def _on_level(self, net, level: int, t_ns: int) -> None:
        if net.pwm is None:
            self._set(self._level_brightness(level), t_ns)

    def _on_pwm(self, net, pwm: tuple[int, int] | None, t_ns: int) -> None:
        if pwm is None:
            self._set(self._level_brightness(net.read()), t_ns)
        else:
            duty = pwm[0] / 65535
            self._set(round(duty if self.active_high else 1 - duty, 6), t_ns)

    @property
    def on(self) -> bool:
        return self.brightness > 0

    def state(self) -> dict[str, Any]:
        return {"on": self.on, "brightness": self.brightness, "changes": len(self.history)}


class Button(Device):
    """A push button: pressed, it drives the pin to its active level; released, it lets go
    (the pin then follows its pull: the button's own resistor if ``pull`` is set, else the MCU's).

    Timeline: ``presses = [{at = 0.5, duration = 0.1}, ...]`` in seconds of virtual time.
    """

    TYPE = "button"

    def __init__(
        self, board, name: str, pin: Pin, active_low: bool = True, pull: Pull | None = None
    ) -> None:
        super().__init__(board, name)
        self.pin = pin
        self.active_low = active_low
        self._net = board.net(pin)
        if pull is not None:
            self._net.pull_external(self, pull)
        self.pressed = False
        self.presses = 0

    @classmethod
    def from_spec(cls, board, name: str, spec: Spec) -> Button:
        pin = spec.pin("pin")
        active = spec.string("active", "low", choices=("high", "low"))
        pull = spec.pull("pull", "none")
        btn = cls(board, name, pin, active == "low", pull)
        timeline = spec.raw("presses", [])
        if not isinstance(timeline, list):
            raise SpecError("'presses' must be a list of {at = seconds, duration = seconds}")
        for i, press in enumerate(timeline):
            if not (isinstance(press, dict) and set(press) <= {"at", "duration"} and "at" in press):
                raise SpecError(f"presses[{i}] must be {{at = seconds, duration = seconds}}")
            at, duration = press["at"], press.get("duration", 0.1)
            if any(
                isinstance(v, bool) or not isinstance(v, (int, float)) or v < 0
                for v in (at, duration)
            ):
                raise SpecError(f"presses[{i}]: at and duration must be numbers >= 0")
            btn.schedule_press(round(at * 1e9), round(duration * 1e9))
        return btn

    def schedule_press(self, at_ns: int, duration_ns: int) -> None:
        clock = self.board.clock
        clock.call_at(at_ns, self.press)
        clock.call_at(at_ns + duration_ns, self.release)

    def press(self) -> None:
        self.pressed = True
        self.presses += 1
        self._net.drive(self, 0 if self.active_low else 1)

    def release(self) -> None:
        self.pressed = False
        self._net.drive(self, None)

    def state(self) -> dict[str, Any]:
        return {"pressed": self.pressed, "presses": self.presses}


class AnalogSource(Device):
    """A voltage on a pin (what an AnalogIn reads): ``volts`` is a number or a waveform table."""

    TYPE = "analog"

    def __init__(self, board, name: str, pin: Pin, volts) -> None:
        super().__init__(board, name)
        self.pin = pin
        self.volts = volts
        board.net(pin).voltage_source = volts

    @classmethod
    def from_spec(cls, board, name: str, spec: Spec) -> AnalogSource:
        return cls(board, name, spec.pin("pin"), spec.waveform("volts"))

    def state(self) -> dict[str, Any]:
        return {"volts": self.volts(self.board.clock.now())}
