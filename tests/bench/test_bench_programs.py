"""Smoke run of every program in benchmarks/programs: CPython runs it, MicroPython agrees."""

from __future__ import annotations

import ast
import os

import pytest

from benchmarks.results import OK
from benchmarks.suite import PROGRAMS_DIR, collect, run_suite

PROGRAMS = collect([PROGRAMS_DIR])


def _bm_params(path: str) -> dict:
    with open(path, encoding="utf-8") as f:
        tree = ast.parse(f.read())
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "bm_params":
            return ast.literal_eval(node.value)
    raise AssertionError(f"no bm_params in {path}")


def test_there_are_at_least_16_programs_named_bm():
    assert len(PROGRAMS) >= 16
    assert all(os.path.basename(b.path).startswith("bm_") for b in PROGRAMS)


@pytest.mark.parametrize("bench", PROGRAMS, ids=[b.name for b in PROGRAMS])
def test_params_cover_smoke_and_default_sizes(bench):
    params = _bm_params(bench.path)
    keys = sorted(params)
    assert (50, 10) in params, "smoke-size params for N=50 M=10"
    assert any(n == 1000 and m <= 1000 for n, m in keys), "default-size params for N=1000"
    assert all(isinstance(v, tuple) for v in params.values())


def test_every_program_runs_on_cpython_and_micropython_agrees(cpython, micropython):
    suite = run_suite(
        PROGRAMS, [cpython, micropython], repeat=1, param_n=50, param_m=10, timeout=120
    )
    bad = [
        f"{c.benchmark}/{c.impl}: {c.status} {c.reason}"
        for c in suite.cells.values()
        if c.status != OK
    ]
    assert not bad, "\n".join(bad)
    for b in PROGRAMS:
        cp = suite.cells[(b.name, "cpython")]
        mp = suite.cells[(b.name, "micropython")]
        assert cp.result not in (None, "", "None"), b.name
        assert mp.result == cp.result, b.name
