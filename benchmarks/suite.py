"""Finds benchmark files and runs them on each implementation, interleaved, into a Suite."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass

from benchmarks.driver import DriverOutput, parse_output, write_driver
from benchmarks.impls import Implementation
from benchmarks.results import ERROR, MISMATCH, OK, SKIP, Suite

#: The project's own programs, used when no path is given.
PROGRAMS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "programs")


@dataclass(frozen=True)
class Benchmark:
    """One benchmark file; `expected` is the content of a `<file>.exp` beside it, if any."""

    name: str
    path: str
    expected: str | None = None


def _is_benchmark(path: str) -> bool:
    # perf_bench folders also hold benchrun.py and helpers: a benchmark defines bm_setup
    try:
        with open(path, encoding="utf-8") as f:
            return "def bm_setup" in f.read()
    except (OSError, UnicodeDecodeError):
        return False


def collect(paths: list[str], substr: str | None = None) -> list[Benchmark]:
    """Benchmarks found in `paths` (files or folders, folders not recursed), sorted per folder.

    A name is the file stem; when two folders hold the same stem the later one is prefixed
    with its folder's name so the table stays unambiguous.
    """
    files: list[str] = []
    for p in paths:
        if os.path.isdir(p):
            files.extend(
                os.path.join(p, f)
                for f in sorted(os.listdir(p))
                if f.endswith(".py") and _is_benchmark(os.path.join(p, f))
            )
        elif os.path.isfile(p):
            files.append(p)
        else:
            raise FileNotFoundError(f"no such benchmark file or folder: {p}")
    out: list[Benchmark] = []
    names: set[str] = set()
    for f in files:
        name = os.path.splitext(os.path.basename(f))[0]
        if name in names:
            name = os.path.basename(os.path.dirname(os.path.abspath(f))) + "/" + name
        if substr and substr not in name:
            continue
        names.add(name)
        expected = None
        if os.path.isfile(f + ".exp"):
            with open(f + ".exp", encoding="utf-8") as fh:
                expected = fh.read().strip()
        out.append(Benchmark(name, os.path.abspath(f), expected))
    return out


def run_driver(impl: Implementation, driver_path: str, timeout: float) -> DriverOutput:
    """Run one driver file on one implementation in a fresh process and parse its output."""
    if impl.missing is not None:
        return DriverOutput("error", reason=impl.missing)
    try:
        proc = subprocess.run(
            impl.command(driver_path),
            capture_output=True,
            text=True,
            errors="replace",
            timeout=timeout,
            cwd=os.path.dirname(driver_path),
            stdin=subprocess.DEVNULL,
            check=False,  # a failing implementation is reported, not raised
        )
    except subprocess.TimeoutExpired:
        return DriverOutput("error", reason=f"timeout after {timeout:g}s")
    except OSError as e:
        return DriverOutput("error", reason=f"cannot start {impl.argv[0]}: {e.strerror}")
    return parse_output(proc.stdout, proc.stderr, proc.returncode)


def machine_info() -> dict:
    """Facts about the host that make timings comparable across runs."""
    cpu = platform.processor() or ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpu": cpu,
        "cpu_count": os.cpu_count(),
        "python": sys.version.split()[0],
    }


def _record(suite: Suite, bm: Benchmark, impl: str, out: DriverOutput) -> None:
    cell = suite.cell(bm.name, impl)
    if cell.status != OK:
        return
    if out.status == "skip":
        cell.status, cell.reason = SKIP, out.reason
        return
    if out.status != "ok":
        cell.status, cell.reason = ERROR, out.reason
        return
    if cell.result is not None and out.result != cell.result:
        cell.status = MISMATCH
        cell.reason = f"result changed between repeats: {cell.result!r} then {out.result!r}"
        return
    cell.result, cell.norm, cell.clock = out.result, out.norm, out.clock
    cell.repeats.append(out.seconds)


def _validate(suite: Suite, bm: Benchmark) -> None:
    """Flag results that differ from the .exp file, else from the baseline's result.

    As in MicroPython's run-perfbench.py, a result of "None" means the benchmark has
    nothing to check.
    """
    truth = bm.expected
    source = f"{bm.name}.exp"
    if truth is None:
        base = suite.cells.get((bm.name, suite.baseline))
        if base is None or base.status != OK:
            return
        truth, source = base.result, suite.baseline
    for impl in suite.impls:
        cell = suite.cells.get((bm.name, impl))
        if cell is None or cell.status != OK or cell.result in (None, "None"):
            continue
        if cell.result != truth:
            cell.status = MISMATCH
            cell.reason = (
                f"result {_short(cell.result)!r} differs from {source}'s {_short(truth)!r}"
            )


def _short(text: str | None, limit: int = 60) -> str | None:
    if text is None or len(text) <= limit:
        return text
    return text[: limit - 3] + "..."


def run_suite(
    benchmarks: list[Benchmark],
    impls: list[Implementation],
    *,
    repeat: int = 3,
    param_n: int = 1000,
    param_m: int = 1000,
    timeout: float = 300.0,
    baseline: str = "cpython",
    progress: Callable[[str], None] | None = None,
) -> Suite:
    """Run every benchmark on every implementation `repeat` times, interleaved.

    The loop order (repeat, benchmark, implementation) spreads machine noise evenly over
    the implementations.  A cell that errors once is not run again.
    """
    suite = Suite(
        [b.name for b in benchmarks],
        [i.name for i in impls],
        baseline,
        machine=machine_info(),
        params={"N": param_n, "M": param_m, "repeat": repeat, "timeout": timeout},
    )
    suite.machine["commands"] = {
        i.name: (list(i.argv) if i.missing is None else "missing: " + i.missing) for i in impls
    }
    with tempfile.TemporaryDirectory(prefix="jitvm-bench-") as tmp:
        drivers = {}
        for b in benchmarks:
            # one folder per driver so a benchmark cannot import another's driver by accident
            d = tempfile.mkdtemp(dir=tmp)
            drivers[b.name] = write_driver(b.path, d, param_n, param_m)
        for r in range(repeat):
            for b in benchmarks:
                for impl in impls:
                    cell = suite.cell(b.name, impl.name)
                    if cell.status != OK:
                        continue
                    out = run_driver(impl, drivers[b.name], timeout)
                    _record(suite, b, impl.name, out)
                    if progress is not None:
                        what = f"{out.seconds:.4f}s" if out.status == "ok" else out.status
                        progress(f"[{r + 1}/{repeat}] {b.name} {impl.name}: {what}")
    for b in benchmarks:
        _validate(suite, b)
    return suite
