"""The electrical state of one simulated pin: who drives it, its pull, the level everyone sees."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hal.api import DriveMode, Pin, Pull

#: listener(net, level, time_ns): called when the level a reader sees changes (0/1).
NetListener = Callable[["Net", int, int], None]
#: pwm listener(net, (duty, frequency) or None, time_ns)
PwmListener = Callable[["Net", "tuple[int, int] | None", int], None]


class Net:
    """One pin's wire.  The MCU and attached devices each drive 0, 1 or nothing (None).

    Resolution: any driver pulling low wins (a button shorting to ground against a pull-up,
    an open-drain line); else any driver high gives 1; else the strongest pull (a device's
    external resistor first, then the MCU's bias); else the pin floats (None) and reads back
    its last level.  A push-pull output fighting a device is recorded as a "contention" note.
    """

    def __init__(self, pin: Pin, now: Callable[[], int], record: Callable[..., None]) -> None:
        self.pin = pin
        self._now = now
        self._record = record
        self.mcu_output = False
        self.mcu_level = 0
        self.mcu_drive = DriveMode.PUSH_PULL
        self.mcu_pull: Pull | None = None
        self.external: dict[Any, int | None] = {}
        self.external_pull: dict[Any, Pull | None] = {}
        self.level: int | None = None  # resolved; None = floating
        self.last_level = 0  # what a floating pin reads
        self.voltage_source: Callable[[int], float] | None = None  # analog input (volts at t)
        self.analog_out: float | None = None  # DAC volts
        self.pwm: tuple[int, int] | None = None  # (duty_cycle, frequency) while a PWM drives it
        self.listeners: list[NetListener] = []
        self.pwm_listeners: list[PwmListener] = []
        self._record("pin", pin.name, None)

    # -- drivers ------------------------------------------------------------------
    def set_mcu(
        self,
        *,
        output: bool | None = None,
        level: int | None = None,
        drive: DriveMode | None = None,
        pull: Pull | None | type[Ellipsis] = ...,
    ) -> None:
        if output is not None:
            self.mcu_output = output
        if level is not None:
            self.mcu_level = 1 if level else 0
        if drive is not None:
            self.mcu_drive = drive
        if pull is not ...:
            self.mcu_pull = pull  # type: ignore[assignment]
        self.resolve()

    def drive(self, who: Any, level: int | None) -> None:
        """A device drives the pin (0/1) or lets go (None)."""
        self.external[who] = level
        self.resolve()

    def pull_external(self, who: Any, pull: Pull | None) -> None:
        """A device's external resistor (e.g. a button's pull-up)."""
        self.external_pull[who] = pull
        self.resolve()

    # -- resolution ---------------------------------------------------------------
    def _mcu_drives(self) -> int | None:
        if not self.mcu_output:
            return None
        if self.mcu_drive is DriveMode.OPEN_DRAIN and self.mcu_level:
            return None
        return self.mcu_level

    def resolve(self) -> None:
        mcu = self._mcu_drives()
        ext = [v for v in self.external.values() if v is not None]
        drivers = ext + ([mcu] if mcu is not None else [])
        if drivers:
            level: int | None = 0 if 0 in drivers else 1
            if (
                mcu is not None
                and any(v != mcu for v in ext)
                and self.mcu_drive is DriveMode.PUSH_PULL
            ):
                self._record("note", self.pin.name, "contention")
        else:
            pulls = [p for p in self.external_pull.values() if p is not None] or [self.mcu_pull]
            pull = pulls[0]
            level = None if pull is None else (1 if pull is Pull.UP else 0)
        self._set_level(level)

    def _set_level(self, level: int | None) -> None:
        if level == self.level:
            return
        before = self.read()
        self.level = level
        if level is not None:
            self.last_level = level
        self._record("pin", self.pin.name, level)
        after = self.read()
        if after != before:
            t = self._now()
            for listener in list(self.listeners):
                listener(self, after, t)

    def read(self) -> int:
        """The digital level a reader sees (a floating pin keeps its last level)."""
        return self.last_level if self.level is None else self.level

    def voltage(self, vref: float) -> float:
        """Volts on the pin: an attached analog source, else the digital level times vref."""
        if self.voltage_source is not None:
            return self.voltage_source(self._now())
        if self.analog_out is not None:
            return self.analog_out
        if self.pwm is not None:
            return vref * self.pwm[0] / 65535
        return vref * self.read()

    def set_pwm(self, duty: int | None, frequency: int = 0) -> None:
        """Start/update (duty, frequency) or stop (None) a PWM; listeners see the mean level."""
        self.pwm = None if duty is None else (duty, frequency)
        self._record(
            "pwm", self.pin.name, "off" if duty is None else f"{duty}/65535 @{frequency}Hz"
        )
        for listener in list(self.pwm_listeners):
            listener(self, self.pwm, self._now())
