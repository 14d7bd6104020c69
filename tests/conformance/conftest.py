"""Fixtures for the harness tests: the main tiny suite, run once per module."""

from __future__ import annotations

from pathlib import Path

import pytest

from .suite_helpers import MAIN_SUITE, HarnessRun, run_harness, write_suite


@pytest.fixture(scope="module")
def main_suite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_suite(tmp_path_factory.mktemp("suite"), MAIN_SUITE)


@pytest.fixture(scope="module")
def main_run(main_suite: Path, tmp_path_factory: pytest.TempPathFactory) -> HarnessRun:
    """The whole main suite, run once per module with -j 2."""
    out = tmp_path_factory.mktemp("out")
    return run_harness(main_suite, out, "-j", "2", cache=out / "cache")
