"""The implementations a benchmark can run on, and how to start each one on a driver file."""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from dataclasses import dataclass

#: The reference implementation: it provides the expected results and the ratio baseline.
BASELINE = "cpython"
#: Names `--impl` accepts without an explicit command.
KNOWN_IMPLS = ("cpython", "micropython", "jitvm-t0", "jitvm")


@dataclass(frozen=True)
class Implementation:
    """A named way to run a driver file: a command prefix, or the reason it cannot run here."""

    name: str
    argv: tuple[str, ...] = ()
    missing: str | None = None

    def command(self, driver_path: str) -> list[str]:
        """The full command line that runs `driver_path` on this implementation."""
        if self.missing is not None:
            raise RuntimeError(f"{self.name} is not available: {self.missing}")
        return [*self.argv, driver_path]


def find_micropython(python: str = sys.executable) -> str | None:
    """The `micropython` binary next to `python` (the venv's bin folder), else on PATH."""
    beside = os.path.join(os.path.dirname(os.path.abspath(python)), "micropython")
    if os.path.isfile(beside) and os.access(beside, os.X_OK):
        return beside
    return shutil.which("micropython")


def default_implementations(python: str = sys.executable) -> dict[str, Implementation]:
    """The four standard implementations, built for this machine."""
    impls = {
        "cpython": Implementation("cpython", (python,)),
        "jitvm-t0": Implementation("jitvm-t0", (python, "-P", "-m", "jitvm", "run", "--clock", "wall", "--tier", "0")),
        "jitvm": Implementation("jitvm", (python, "-P", "-m", "jitvm", "run", "--clock", "wall",
                                          "--tier", "1")),
    }
    mp = find_micropython(python)
    if mp is None:
        impls["micropython"] = Implementation(
            "micropython", missing="no micropython binary next to python or on PATH"
        )
    else:
        impls["micropython"] = Implementation("micropython", (mp,))
    return impls


def parse_impl_command(spec: str) -> Implementation:
    """Parse a `NAME=COMMAND ARGS...` override (shell-style quoting) into an Implementation."""
    name, sep, command = spec.partition("=")
    name = name.strip()
    argv = tuple(shlex.split(command))
    if not sep or not name or not argv:
        raise ValueError(f"expected NAME=COMMAND, got {spec!r}")
    return Implementation(name, argv)


def select_implementations(
    names: list[str], overrides: dict[str, Implementation] | None = None
) -> list[Implementation]:
    """Resolve `names` (in order) against the defaults plus `overrides`; the baseline comes first.

    CPython is always run because every ratio and every result check is relative to it.
    An unknown name becomes an Implementation marked missing, so it shows up in the report
    as an error instead of stopping the whole run.
    """
    table = default_implementations()
    table.update(overrides or {})
    ordered = [BASELINE] + [n for n in names if n != BASELINE]
    seen: set[str] = set()
    out = []
    for name in ordered:
        if name in seen:
            continue
        seen.add(name)
        impl = table.get(name)
        if impl is None:
            impl = Implementation(name, missing="unknown implementation (use --impl-cmd NAME=CMD)")
        out.append(impl)
    return out
