"""Interpreter hot paths: small guest programs run through jitvm.api.run_source."""

from __future__ import annotations

import pytest

INT_LOOP = """
t = 0
for i in range(2000):
    t = (t + i * 3) & 0xFFFF
print(t)
"""

CALLS = """
def add(a, b):
    return a + b
t = 0
for i in range(1000):
    t = add(t, i)
print(t)
"""

ATTRS = """
class P:
    def __init__(self):
        self.x = 0
    def bump(self, d):
        self.x += d
p = P()
for i in range(1000):
    p.bump(i & 3)
print(p.x)
"""

STARTUP = "print(1)\n"


def _expected(src: str) -> str:
    # CPython gives the expected output of these tiny programs
    import contextlib
    import io

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        exec(compile(src, "<micro>", "exec"), {})  # noqa: S102 (constant test programs)
    return buf.getvalue()


@pytest.fixture
def run_source():
    # imported per test so a missing API fails these tests, not the loader ones beside them
    from jitvm.api import run_source

    return run_source


def _run(benchmark, run_source, src: str):
    result = benchmark(run_source, src)
    # run_source's return value is the VM's business; it must at least not fail and, if it
    # hands back captured output as text, that output must be CPython's
    if isinstance(result, str):
        assert result == _expected(src)
    return result


def test_int_loop(benchmark, run_source):
    _run(benchmark, run_source, INT_LOOP)


def test_function_calls(benchmark, run_source):
    _run(benchmark, run_source, CALLS)


def test_method_calls_and_attributes(benchmark, run_source):
    _run(benchmark, run_source, ATTRS)


def test_startup_hello(benchmark, run_source):
    _run(benchmark, run_source, STARTUP)
