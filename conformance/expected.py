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
from typing import Any

from conformance.config import RunConfig
from conformance.discovery import SuiteTest
from conformance.process import Output, ProcessOutcome, ResourceLimits, last_line, run_process

_CACHE_FORMAT = "2"  # 2: outputs stored as head/tail/cut/digest


@dataclass
class Expected:
    """The output a test must print, or why there is none to compare against."""

    output: Output | None  # None: CPython cannot run it and no .exp exists
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


def _output_to_json(output: Output) -> dict[str, Any]:
    return {
        "head": base64.b64encode(output.head).decode(),
        "tail": base64.b64encode(output.tail).decode(),
        "cut": output.cut,
        "digest": output.digest,
    }


def _output_from_json(data: dict[str, Any]) -> Output:
    head, tail = base64.b64decode(data["head"]), base64.b64decode(data["tail"])
    cut, digest = int(data["cut"]), str(data["digest"])
    if not cut and hashlib.sha256(head + tail).hexdigest() != digest:
        raise ValueError("damaged cache entry")
    return Output(head, tail, cut, digest)


def _read_cache(path: Path) -> ProcessOutcome | None:
    try:
        data = json.loads(path.read_text())
        return ProcessOutcome(
            data["returncode"],
            _output_from_json(data["stdout"]),
            _output_from_json(data["stderr"]),
            data["seconds"],
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None  # missing or damaged: run CPython again


def _write_cache(path: Path, outcome: ProcessOutcome) -> None:
    data = {
        "returncode": outcome.returncode,
        "stdout": _output_to_json(outcome.stdout),
        # Only for reasons (its last line): the end is enough.
        "stderr": _output_to_json(Output.of(outcome.stderr.shown()[-4000:])),
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
    MicroPython module name). The test runs unsandboxed, so it is bounded like the
    other runs (time limit, own process group, output cut to head and tail) and
    under rlimits (memory, file size, CPU time: see `ResourceLimits`).
    Runs that hit the time limit are not cached.
    """
    source = test.path.read_bytes()
    entry = None
    if config.cache is not None:
        salt = "\0".join(config.lib_paths).encode()  # what CPython could import differs
        entry = config.cache / f"{_cache_key(test, source + salt)}.json"
        cached = _read_cache(entry)
        if cached is not None:
            return cached
    env = None
    if config.lib_paths:  # CircuitPython's runner gives CPython its testlib too
        import os

        env = {"PYTHONPATH": os.pathsep.join(config.lib_paths)}
    outcome = run_process(
        [config.python, "-BS", test.path.name],
        test.folder,
        config.kill_after,
        limits=ResourceLimits.for_time_limit(config.kill_after),
        env=env,
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
        detail = last_line(outcome.stderr.shown()) or f"exit {outcome.returncode}"
        return f"skipped: CPython cannot run it ({detail})"
    if outcome.stdout.equals(b"SKIP\n"):
        return "skipped: CPython cannot run it (prints SKIP)"
    return ""


def expected_output(test: SuiteTest, config: RunConfig) -> Expected:
    """The expected output of `test`; CPython runs only when needed (or asked for by --ref)."""
    exp = exp_file(test)
    need_cpython = exp is None or "cpython" in config.refs
    cpython = run_cpython(test, config) if need_cpython else None
    if exp is not None:
        return Expected(Output.of_file(exp), "exp", cpython=cpython)
    assert cpython is not None
    reason = cpython_cannot_run(cpython)
    if reason:
        return Expected(None, "cpython", reason, cpython)
    return Expected(cpython.stdout, "cpython", cpython=cpython)
