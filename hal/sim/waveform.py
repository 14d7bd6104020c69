"""Time-varying values for scenario devices: constant, ramp, sine and step signals of virtual time."""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable

Waveform = Callable[[int], float]  # time_ns -> value


def constant(value: float) -> Waveform:
    return lambda t: value


def ramp(start: float, end: float, period_s: float, repeat: bool = True) -> Waveform:
    """Linear from ``start`` to ``end`` over ``period_s``; then a sawtooth (repeat) or hold."""
    period = period_s * 1e9

    def f(t: int) -> float:
        phase = (t % period) / period if repeat else min(t / period, 1.0)
        return start + (end - start) * phase

    return f


def sine(mean: float, amplitude: float, period_s: float, phase_deg: float = 0.0) -> Waveform:
    period = period_s * 1e9
    phase = math.radians(phase_deg)
    return lambda t: mean + amplitude * math.sin(2 * math.pi * t / period + phase)


def steps(points: list[tuple[float, float]]) -> Waveform:
    """Piecewise constant: ``[(t_s, value), ...]`` sorted; before the first point, its value."""
    times = [round(t * 1e9) for t, _ in points]
    values = [v for _, v in points]

    def f(t: int) -> float:
        i = bisect.bisect_right(times, t) - 1
        return values[max(i, 0)]

    return f


def from_spec(spec, where: str) -> Waveform:
    """Build a waveform from a scenario value: a number, or a table with ``waveform = ...``.

    Raises ValueError with a short description of what is wrong.
    """
    if isinstance(spec, bool):
        raise ValueError(f"{where}: expected a number or a waveform table")  # noqa: TRY004
    if isinstance(spec, (int, float)):
        return constant(float(spec))
    if not isinstance(spec, dict):
        raise ValueError(f"{where}: expected a number or a waveform table")  # noqa: TRY004
    kind = spec.get("waveform")
    allowed = {
        "constant": {"value"},
        "ramp": {"start", "end", "period", "repeat"},
        "sine": {"mean", "amplitude", "period", "phase"},
        "steps": {"points"},
    }
    if kind not in allowed:
        raise ValueError(f"{where}: waveform must be one of {', '.join(allowed)}")
    extra = set(spec) - allowed[kind] - {"waveform"}
    if extra:
        raise ValueError(f"{where}: unknown key {min(extra)!r} for a {kind} waveform")

    def num(key: str, default: float | None = None) -> float:
        v = spec.get(key, default)
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            raise ValueError(f"{where}: {kind} needs a number {key!r}")  # noqa: TRY004
        return float(v)

    if kind == "constant":
        return constant(num("value"))
    if kind == "ramp":
        period = num("period")
        if period <= 0:
            raise ValueError(f"{where}: period must be > 0")
        return ramp(num("start"), num("end"), period, bool(spec.get("repeat", True)))
    if kind == "sine":
        period = num("period")
        if period <= 0:
            raise ValueError(f"{where}: period must be > 0")
        return sine(num("mean"), num("amplitude"), period, num("phase", 0.0))
    pts = spec.get("points")
    if not (
        isinstance(pts, list) and pts and all(isinstance(p, list) and len(p) == 2 for p in pts)
    ):
        raise ValueError(f"{where}: steps needs points = [[time_s, value], ...]")
    pairs = sorted((float(a), float(b)) for a, b in pts)
    return steps(pairs)
