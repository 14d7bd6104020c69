"""A test's expected output: its `.exp` file, else CPython's output (cached on disk)."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from conformance.config import RunConfig
from conformance.discovery import SuiteTest
from conformance.process import ProcessOutcome, last_line, normalise, run_process

_CACHE_FORMAT = "1"


@dataclass
class Expected:
    """The output a test must print, or why there is none to compare against."""

    output: bytes | None  # None: CPython cannot run it and no .exp exists
    source: str  # "exp" (the .exp file) or "cpython"
    skip_reason: str = ""
    cpython: ProcessOutcome | None = None  # CPython's own run, when one was made


def _cache_key(test: SuiteTest, source: bytes) -> str:
    # Content + CPython version (+ the file name, which a test may print).
    digest = hashlib.sha256()
    for part in (_CACHE_FORMAT, sys.version, test.path.name):
        digest.update(part.encode() + b"\0")
    digest.update(source)
    return digest.hexdigest()


def _read_cache(path: Path) -> ProcessOutcome | None:
    try:
        data = json.loads(path.read_text())
        return ProcessOutcome(
            data["returncode"],
            base64.b64decode(data["stdout"]),
            base64.b64decode(data["stderr"]),
            data["seconds"],
        )
    except (OSError, ValueError, KeyError):
        return None  # missing or damaged: run CPython again


def _write_cache(path: Path, outcome: ProcessOutcome) -> None:
    data = {
        "returncode": outcome.returncode,
        "stdout": base64.b64encode(outcome.stdout).decode(),
        "stderr": base64.b64encode(outcome.stderr[-4000:]).decode(),
        "seconds": outcome.seconds,
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Write then rename: parallel workers may fill the same entry at once.
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w") as f:
            json.dump(data, f)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only cache only costs time


def run_cpython(test: SuiteTest, config: RunConfig) -> ProcessOutcome:
    """CPython's run of the test (`python -BS file`, cwd = its folder), cached by content.

    -S keeps site-packages out as run-tests.py does (a package could shadow a
    MicroPython module name). Runs that hit the time limit are not cached.
    """
    source = test.path.read_bytes()
    entry = None
    if config.cache is not None:
        entry = config.cache / f"{_cache_key(test, source)}.json"
        cached = _read_cache(entry)
        if cached is not None:
            return cached
    outcome = run_process([config.python, "-BS", test.path.name], test.folder, config.kill_after)
    outcome = ProcessOutcome(
        outcome.returncode, normalise(outcome.stdout), outcome.stderr, outcome.seconds
    )
    if entry is not None and not outcome.killed_for_time:
        _write_cache(entry, outcome)
    return outcome


def exp_file(test: SuiteTest) -> Path | None:
    """`x.py.exp` next to the test, if the test has one."""
    path = test.path.with_name(test.path.name + ".exp")
    return path if path.is_file() else None


def cpython_cannot_run(outcome: ProcessOutcome) -> str:
    """Why CPython's output cannot serve as the expected output ('' when it can)."""
    if outcome.killed_for_time:
        return "skipped: CPython cannot run it (timed out)"
    if outcome.returncode != 0:
        detail = last_line(outcome.stderr) or f"exit {outcome.returncode}"
        return f"skipped: CPython cannot run it ({detail})"
    if outcome.stdout == b"SKIP\n":
        return "skipped: CPython cannot run it (prints SKIP)"
    return ""


def expected_output(test: SuiteTest, config: RunConfig) -> Expected:
    """The expected output of `test`; CPython runs only when needed (or asked for by --ref)."""
    exp = exp_file(test)
    need_cpython = exp is None or "cpython" in config.refs
    cpython = run_cpython(test, config) if need_cpython else None
    if exp is not None:
        return Expected(normalise(exp.read_bytes()), "exp", cpython=cpython)
    assert cpython is not None
    reason = cpython_cannot_run(cpython)
    if reason:
        return Expected(None, "cpython", reason, cpython)
    return Expected(cpython.stdout, "cpython", cpython=cpython)
