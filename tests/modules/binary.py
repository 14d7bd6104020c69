"""The same guest program on jitvm and on the real MicroPython binary (a test extra), in a
fresh folder each: what the differential tests of this folder share."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

MICROPYTHON = Path(sys.executable).parent / "micropython"
needs_binary = pytest.mark.skipif(not MICROPYTHON.exists(),
                                  reason="the real MicroPython binary is a test extra")


def run(tmp_path: Path, program: str, *cmd: str) -> subprocess.CompletedProcess:
    """``cmd main.py`` in tmp_path, with ``program`` as main.py."""
    (tmp_path / "main.py").write_text(program)
    return subprocess.run([*cmd, "main.py"], cwd=tmp_path, capture_output=True, text=True,
                          timeout=120)


def jitvm(tmp_path: Path, program: str, *args: str) -> subprocess.CompletedProcess:
    return run(tmp_path, program, sys.executable, "-m", "jitvm", "run", *args)


def assert_same_as_micropython(tmp_path: Path, program: str, *jitvm_args: str) -> None:
    """The binary runs the program cleanly, and jitvm prints exactly what it printed."""
    expected = run(tmp_path, program, str(MICROPYTHON))
    got = jitvm(tmp_path, program, *jitvm_args)
    assert expected.returncode == 0, expected.stdout + expected.stderr
    assert got.stdout + got.stderr == expected.stdout
