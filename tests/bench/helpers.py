"""Shared test data for the benchmark-runner tests: a tiny benchmark and fake implementations."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

from benchmarks.impls import Implementation

TINY = """
def work(n):
    acc = 0
    for i in range(n):
        acc = (acc * 31 + i) & 0xFFFF
    return acc


bm_params = {
    (50, 10): (500,),
    (100, 10): (1000,),
    (1000, 10): (2000,),
}


def bm_setup(params):
    (n,) = params
    state = None

    def run():
        nonlocal state
        state = work(n)

    def result():
        return n, (n, state)

    return run, result
"""


def expected_tiny(n: int) -> str:
    """What the tiny benchmark's result line says for loop count n (computed, not hard-coded)."""
    acc = 0
    for i in range(n):
        acc = (acc * 31 + i) & 0xFFFF
    return str((n, acc))


def fake_impl(tmp_path: Path, name: str, body: str) -> Implementation:
    """An implementation that is a Python script; the driver path arrives as sys.argv[1]."""
    script = tmp_path / ("fake_{}.py".format(name.replace("-", "_")))
    script.write_text("import sys\n" + textwrap.dedent(body))
    return Implementation(name, (sys.executable, str(script)))
