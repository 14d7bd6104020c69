"""Run one child process with a hard time limit and capture what it printed."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class ProcessOutcome:
    """What a finished (or killed) child process left behind."""

    returncode: int | None  # None when the harness killed it for running too long
    stdout: bytes
    stderr: bytes
    seconds: float

    @property
    def killed_for_time(self) -> bool:
        return self.returncode is None


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    # run-tests.py sets this so CPython prints UTF-8 whatever the locale says.
    env["PYTHONIOENCODING"] = "utf-8"
    env.pop("PYTHONSTARTUP", None)
    return env


def run_process(cmd: list[str], cwd: Path, limit: float) -> ProcessOutcome:
    """Run `cmd` in `cwd`; after `limit` seconds kill its whole process group.

    A new session keeps grandchildren (a wrapper script's interpreter, say) in the
    group, so a kill frees the pipes and communicate() cannot hang on them.
    """
    start = time.monotonic()
    proc = subprocess.Popen(
        cmd,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_environment(),
        start_new_session=True,
    )
    try:
        out, err = proc.communicate(timeout=limit)
        code: int | None = proc.returncode
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        out, err = proc.communicate()
        code = None
    return ProcessOutcome(code, out or b"", err or b"", time.monotonic() - start)


def normalise(output: bytes) -> bytes:
    """Canonical output for comparison: `\\n` line ends, as run-tests.py does."""
    return output.replace(b"\r\n", b"\n")


def last_line(data: bytes) -> str:
    """The last non-empty line of some output, for one-line reasons."""
    for line in reversed(data.decode("utf-8", "replace").splitlines()):
        if line.strip():
            return line.strip()[:200]
    return ""


def signal_name(returncode: int) -> str:
    try:
        return signal.Signals(-returncode).name
    except ValueError:
        return f"signal {-returncode}"
