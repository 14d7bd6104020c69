"""Builds the driver script that times one benchmark, and parses what that script prints.

MicroPython's `tests/run-perfbench.py` concatenates a benchmark with `benchrun.py` and feeds
the result to the target; we do the same with our own tail code, so a benchmark runs as the
main module of one file on every implementation (jitvm compiles single files with mpy-cross
and does not need an import path).  The tail must itself be valid MicroPython: it only uses
what MicroPython, CPython and jitvm's guest builtins all provide.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

#: Marker that starts the one line a driver prints on success.
RESULT_MARKER = "JITVM-BENCH"
#: Marker for a driver-level failure (no params match); the rest of the line is the reason.
ERROR_MARKER = "JITVM-BENCH-ERROR"

# Prepended so that perf_bench files that use `@micropython.native`/`viper` or
# `micropython.const` without importing it still run on CPython (as plain Python).
# On MicroPython and jitvm the import succeeds and the shim is never built. On CPython the
# shim is always used: a `micropython` module from site-packages (Adafruit Blinka ships one
# whose viper decorator raises) must not decide the baseline.
_PROLOGUE = """\
import sys as _bench_sys
_bench_sys.path.insert(0, "")  # as when run-perfbench.py feeds the script on stdin
try:
    if _bench_sys.implementation.name == "cpython":
        raise ImportError
    import micropython
except ImportError:

    class micropython:
        native = staticmethod(lambda f: f)
        viper = staticmethod(lambda f: f)
        const = staticmethod(lambda x: x)

    try:
        import sys as _bench_sys

        _bench_sys.modules["micropython"] = micropython
    except (ImportError, AttributeError):
        pass
"""

# Appended after the benchmark.  Picks params with the same rule as MicroPython's
# benchrun.py, times run() with the implementation's own clock and prints one line:
#   JITVM-BENCH <elapsed_us> <norm> <clock> <result text>
_TAIL = """

def _bench_clock():
    import time

    if hasattr(time, "ticks_us"):
        return time.ticks_us, time.ticks_diff, "ticks_us"
    if hasattr(time, "perf_counter"):
        pc = time.perf_counter
        return (lambda: int(pc() * 1000000)), (lambda a, b: a - b), "perf_counter"
    mono = time.monotonic_ns
    return (lambda: mono() // 1000), (lambda a, b: a - b), "monotonic_ns"


def _bench_main(n, m):
    ticks_us, ticks_diff, clock = _bench_clock()
    cur_nm = (0, 0)
    param = None
    for nm, p in bm_params.items():
        if 10 * nm[0] <= 12 * n and nm[1] <= m and nm > cur_nm:
            cur_nm = nm
            param = p
    if param is None:
        print("%s no matching params for N=%d M=%d" % ("{error}", n, m))
        return
    run, result = bm_setup(param)
    t0 = ticks_us()
    run()
    t1 = ticks_us()
    norm, out = result()
    print("{marker}", ticks_diff(t1, t0), norm, clock, out)


_bench_main({n}, {m})
"""


def driver_source(benchmark_source: str, param_n: int, param_m: int) -> str:
    """Return the full driver program for one benchmark's source text and (N, M)."""
    if not benchmark_source.endswith("\n"):
        benchmark_source += "\n"
    tail = _TAIL.format(marker=RESULT_MARKER, error=ERROR_MARKER, n=int(param_n), m=int(param_m))
    return _PROLOGUE + benchmark_source + tail


def write_driver(benchmark_path: str, out_dir: str, param_n: int, param_m: int) -> str:
    """Write the driver for `benchmark_path` into `out_dir` and return the driver's path."""
    name = os.path.splitext(os.path.basename(benchmark_path))[0]
    path = os.path.join(out_dir, name + ".py")
    if os.path.abspath(path) == os.path.abspath(benchmark_path):
        raise ValueError(f"driver would overwrite the benchmark itself: {path}")
    with open(benchmark_path, encoding="utf-8") as f:
        source = f.read()
    with open(path, "w", encoding="utf-8") as f:
        f.write(driver_source(source, param_n, param_m))
    return path


@dataclass(frozen=True)
class DriverOutput:
    """What one driver run reported: a timing, a skip, or an error with a one-line reason."""

    status: str  # "ok", "skip" or "error"
    seconds: float | None = None
    norm: int | None = None
    clock: str | None = None
    result: str | None = None
    reason: str | None = None


def _one_line(text: str, limit: int = 160) -> str:
    """The most telling line of an error text (the last non-empty one), cut to `limit`."""
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    line = lines[-1] if lines else "no output"
    return line if len(line) <= limit else line[: limit - 3] + "..."


def parse_output(stdout: str, stderr: str, returncode: int) -> DriverOutput:
    """Interpret a finished driver process: find the marker line or explain the failure."""
    for line in stdout.splitlines():
        stripped = line.strip()
        if stripped == "SKIP":
            return DriverOutput("skip", reason="benchmark printed SKIP")
        if stripped.startswith(ERROR_MARKER + " "):
            return DriverOutput("error", reason=stripped[len(ERROR_MARKER) + 1 :])
        if stripped.startswith(RESULT_MARKER + " "):
            parts = stripped.split(None, 4)
            try:
                micros = int(parts[1])
                norm = int(parts[2])
                clock = parts[3]
            except (IndexError, ValueError):
                return DriverOutput("error", reason="unreadable driver line: " + _one_line(line))
            if returncode != 0:
                return DriverOutput("error", reason=f"exit {returncode} after timing")
            result = parts[4] if len(parts) > 4 else ""
            return DriverOutput("ok", micros / 1e6, norm, clock, result)
    if returncode != 0:
        why = _one_line(stderr + "\n" + stdout)
        return DriverOutput("error", reason=f"exit {returncode}: {why}")
    return DriverOutput("error", reason="no result line: " + _one_line(stdout or stderr))
