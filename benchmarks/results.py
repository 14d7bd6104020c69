"""Benchmark results: one cell per (benchmark, implementation), medians, ratios and geomeans."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

# Cell statuses.  Only "ok" cells are timed into ratios and geometric means.
OK = "ok"
MISMATCH = "mismatch"  # ran, but its result differs from the reference (or between repeats)
ERROR = "error"  # did not run to the end (missing, crashed, timed out)
SKIP = "skip"  # the benchmark itself declined (printed SKIP)


def median(values: list[float]) -> float:
    """The median of a non-empty list (mean of the two middle values for even lengths)."""
    if not values:
        raise ValueError("median of no values")
    s = sorted(values)
    mid = len(s) // 2
    if len(s) % 2:
        return s[mid]
    return (s[mid - 1] + s[mid]) / 2


def geomean(values: list[float]) -> float:
    """The geometric mean of positive values."""
    if not values:
        raise ValueError("geomean of no values")
    if any(v <= 0 for v in values):
        raise ValueError("geomean needs positive values")
    return math.exp(sum(math.log(v) for v in values) / len(values))


@dataclass
class Cell:
    """Everything measured for one benchmark on one implementation."""

    benchmark: str
    impl: str
    status: str = OK
    repeats: list[float] = field(default_factory=list)
    result: str | None = None
    norm: int | None = None
    clock: str | None = None
    reason: str | None = None

    @property
    def seconds(self) -> float | None:
        """Median time over the repeats, or None when the cell has no usable timing."""
        if self.status != OK or not self.repeats:
            return None
        return median(self.repeats)


@dataclass
class Suite:
    """The whole run: benchmark names and implementation names in display order, and cells."""

    benchmarks: list[str]
    impls: list[str]
    baseline: str
    cells: dict[tuple[str, str], Cell] = field(default_factory=dict)
    machine: dict = field(default_factory=dict)
    params: dict = field(default_factory=dict)

    def cell(self, benchmark: str, impl: str) -> Cell:
        """The cell for (benchmark, impl), created empty on first use."""
        key = (benchmark, impl)
        if key not in self.cells:
            self.cells[key] = Cell(benchmark, impl)
        return self.cells[key]

    def ratio(self, benchmark: str, impl: str) -> float | None:
        """impl's median over the baseline's median (>1 is slower), or None if either lacks one."""
        base = self.cells.get((benchmark, self.baseline))
        this = self.cells.get((benchmark, impl))
        if base is None or this is None:
            return None
        b, t = base.seconds, this.seconds
        if b is None or t is None or b <= 0 or t <= 0:
            return None
        return t / b

    def geomeans(self) -> dict[str, float | None]:
        """Per implementation, the geometric mean of its ratios over benchmarks where it has one."""
        out: dict[str, float | None] = {}
        for impl in self.impls:
            ratios = [r for r in (self.ratio(bm, impl) for bm in self.benchmarks) if r is not None]
            out[impl] = geomean(ratios) if ratios else None
        return out

    def count(self, status: str) -> int:
        """How many cells ended with `status`."""
        return sum(1 for c in self.cells.values() if c.status == status)
