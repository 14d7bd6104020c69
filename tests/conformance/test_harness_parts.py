"""The harness's parts on their own: judging a run, discovery, the CPython cache, progress."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from conformance.config import RunConfig
from conformance.discovery import DiscoveryError, discover, find_tests
from conformance.execute import SuiteResult, Verdict, has_host_traceback, judge
from conformance.expected import expected_output
from conformance.harness import run_suite
from conformance.process import Output, ProcessOutcome
from conformance.progress import ProgressBar
from conformance.report_text import summary_text

from .suite_helpers import write_suite


def outcome(code: int | None, out: bytes = b"", err: bytes = b"", secs: float = 0.1):
    return ProcessOutcome(code, Output.of(out), Output.of(err), secs)


def test_judge_compares_bytes_after_newline_normalising() -> None:
    assert judge(outcome(0, b"a\r\nb\n"), b"a\nb\n", 5).status == "pass"
    assert judge(outcome(0, b"a\nb"), b"a\nb\n", 5).status == "fail"


def test_judge_own_watchdog_exit_after_the_limit_is_a_timeout() -> None:
    verdict = judge(outcome(1, err=b"RuntimeError: timeout\n", secs=5.2), b"x\n", 5)
    assert verdict.status == "timeout"
    assert "exit 1" in verdict.reason
    # The same exit well inside the limit is an ordinary guest exception.
    assert judge(outcome(1, err=b"RuntimeError: timeout\n", secs=0.2), b"x\n", 5).status == "fail"


def test_judge_signals_and_odd_exit_codes_are_crashes() -> None:
    assert judge(outcome(-11), b"", 5).reason == "killed by SIGSEGV"
    verdict = judge(outcome(2, err=b"usage: jitvm\n"), b"", 5)
    assert (verdict.status, verdict.reason) == ("crash", "exit code 2: usage: jitvm")


def test_judge_skip_only_when_skip_is_the_whole_output() -> None:
    assert judge(outcome(0, b"SKIP\n"), b"x\n", 5).status == "skip"
    assert judge(outcome(0, b"a\nSKIP\n"), b"x\n", 5).status == "fail"


def test_judge_reads_a_unittest_report_as_run_tests_does() -> None:
    rule = b"-" * 70 + b"\n"
    ok = b"test_a (__main__.T) ... ok\n" + rule + b"Ran 1 tests\n\nOK\n"
    v = judge(outcome(0, ok), b"unrelated expected output\n", 5)
    assert (v.status, v.reason) == ("pass", "unittest: 1 ran")
    skipped = b"x\n" + rule + b"Ran 3 tests\n\nOK (skipped=2)\n"
    assert judge(outcome(0, skipped), b"", 5).reason == "unittest: 3 ran, 2 skipped"
    failed = b"x\n" + rule + b"Ran 2 tests\n\nFAILED (failures=1, errors=0)\n"
    v = judge(outcome(0, failed), b"", 5)
    assert (v.status, v.reason) == ("fail", "unittest: 2 ran, 1 failures, 0 errors")
    # not the report's shape (no blank line, a short rule): compared as any other output
    assert judge(outcome(0, b"x\n" + rule + b"Ran 1 tests\nOK\n"), b"", 5).status == "fail"
    assert judge(outcome(0, b"x\n" + b"-" * 69 + b"\nRan 1 tests\n\nOK\n"), b"", 5).status == "fail"
    assert judge(outcome(0, b"SKIP-TOO-LARGE\n"), b"x\n", 5).status == "skip"


def test_host_traceback_is_told_from_a_guest_traceback(tmp_path: Path) -> None:
    guest = b'Traceback (most recent call last):\n  File "t.py", line 3, in f\nValueError: x\n'
    helper = f'Traceback (most recent call last):\n  File "{tmp_path}/helper.py", line 1\n'
    host = b'Traceback (most recent call last):\n  File "/usr/lib/x/interp.py", line 9, in run\n'
    frozen = b'Traceback (most recent call last):\n  File "<frozen runpy>", line 198, in _run\n'
    assert not has_host_traceback(guest, tmp_path)
    assert not has_host_traceback(helper.encode(), tmp_path)
    assert has_host_traceback(host, tmp_path)
    assert has_host_traceback(frozen, tmp_path)
    assert not has_host_traceback(b'  File "/usr/lib/x.py", line 9\n', tmp_path)


def test_discovery_takes_test_folders_as_run_tests_does(tmp_path: Path) -> None:
    # a folder of category folders: each category's .py files directly in it are its tests;
    # a helper package below a category (import/pkg) is not a test, nor are caches
    write_suite(
        tmp_path / "suite",
        {
            "basics/a.py": "",
            "basics/deep/b.py": "",
            "basics/__init__.py": "",
            "basics/__pycache__/c.py": "",
            "basics/notes.txt": "",
            "perf_bench/bench.py": "",
            "z/d.py": "",
        },
    )
    tests = find_tests(tmp_path / "suite")
    assert [(t.name, t.category) for t in tests] == [("basics/a.py", "basics"), ("z/d.py", "z")]
    assert [t.name for t in discover([str(tmp_path / "suite")], ["A.PY"])] == ["basics/a.py"]
    # a test folder itself: its own .py files, not its helper packages
    tests = find_tests(tmp_path / "suite" / "basics")
    assert [(t.name, t.category) for t in tests] == [("basics/a.py", "basics")]
    # a tests/ root (it has run-tests.py): its folders, never its own scripts
    write_suite(tmp_path / "tests", {"run-tests.py": "", "basics/x.py": "", "import/pkg/m.py": "",
                                     "import/i.py": ""})
    assert [t.name for t in find_tests(tmp_path / "tests")] == ["basics/x.py", "import/i.py"]
    with pytest.raises(DiscoveryError):
        find_tests(tmp_path / "nowhere")


def test_cpython_output_is_cached_by_content(tmp_path: Path) -> None:
    suite = write_suite(tmp_path / "s", {"c/t.py": 'print("one")\n'})
    (test,) = find_tests(suite)
    config = RunConfig(cache=tmp_path / "cache")
    assert expected_output(test, config).output == Output.of(b"one\n")
    assert len(list((tmp_path / "cache").iterdir())) == 1
    # With no usable CPython left, only the cache can answer for the same content...
    config.python = str(tmp_path / "no-such-python")
    assert expected_output(test, config).output == Output.of(b"one\n")
    # ...and new content is a miss that needs CPython again.
    test.path.write_text('print("two")\n')
    with pytest.raises(FileNotFoundError):
        expected_output(test, config)


def test_expected_is_missing_when_cpython_prints_skip(tmp_path: Path) -> None:
    suite = write_suite(tmp_path / "s", {"c/t.py": 'print("SKIP")\n'})
    (test,) = find_tests(suite)
    exp = expected_output(test, RunConfig(cache=None))
    assert exp.output is None
    assert exp.skip_reason == "skipped: CPython cannot run it (prints SKIP)"


def test_a_harness_error_on_one_test_does_not_stop_the_run(tmp_path: Path) -> None:
    suite = write_suite(tmp_path / "s", {"c/a.py": "print(1)\n", "c/b.py": "print(2)\n"})
    config = RunConfig(cache=tmp_path / "cache", mpy_cross=str(tmp_path / "no-mpy-cross"))
    results = run_suite(find_tests(suite), config, jobs=2)
    assert [r.test.name for r in results] == ["c/a.py", "c/b.py"]
    assert all(r.status == "crash" for r in results)
    assert results[0].jitvm.reason.startswith("harness error: FileNotFoundError")


def test_progress_bar_draws_only_when_enabled() -> None:
    stream = io.StringIO()
    bar = ProgressBar(3, stream, enabled=True)
    bar.advance("a.py", bad=False)
    bar.advance("b.py", bad=True)
    assert "2/3" in stream.getvalue() and "1 bad" in stream.getvalue()
    assert "b.py" in stream.getvalue()
    quiet = io.StringIO()  # not a terminal: no bar by default
    ProgressBar(3, quiet).advance("a.py", bad=False)
    assert quiet.getvalue() == ""


def test_summary_copes_with_rows_missing_a_reference_column(tmp_path: Path) -> None:
    suite = write_suite(tmp_path / "s", {"c/a.py": "", "c/b.py": ""})
    a, b = find_tests(suite)
    rows = [
        SuiteResult(a, Verdict("pass"), b"", "cpython", {"micropython": Verdict("pass")}),
        SuiteResult(b, Verdict("crash", "harness error: X"), None, "cpython"),
    ]
    text = summary_text(rows)
    assert re.search(r"^all\s+micropython\s+1\s+0\s+0\s+0\s+0\s+1$", text, re.MULTILINE)
    assert re.search(r"^all\s+jitvm\s+1\s+0\s+0\s+0\s+1\s+2$", text, re.MULTILINE)
    assert "CRASH    c/b.py: harness error: X" in text


def test_a_circuitpython_tree_runs_in_its_flavour_with_its_testlib(tmp_path: Path) -> None:
    from conformance.config import RunConfig

    write_suite(tmp_path / "tests", {"testlib/skip_if.py": "", "basics/a.py": "",
                                     "run-tests.py": ""})
    config = RunConfig()
    config.adopt_tree(find_tests(tmp_path / "tests"))
    assert config.flavor == "circuitpython"
    assert config.lib_paths == [str(tmp_path / "tests" / "testlib")]
    write_suite(tmp_path / "mp", {"basics/a.py": "", "run-tests.py": ""})
    config = RunConfig()
    config.adopt_tree(find_tests(tmp_path / "mp"))
    assert config.flavor is None and config.lib_paths == []


def test_tests_run_tests_gives_only_to_hardware_or_the_py_file_are_skipped(tmp_path: Path) -> None:
    """run-tests.py's own skips in a MicroPython tree: the target_wiring tests (hardware
    loopback) and the --via-mpy ones; the same names outside such a tree run as usual."""
    from conformance.execute import run_test

    body = "import target_wiring\n"
    write_suite(tmp_path / "tests", {"run-tests.py": "", "extmod/machine_uart_tx.py": body,
                                     "import/import_file.py": "print(__file__)\n"})
    config = RunConfig()
    tests = {t.name: t for t in find_tests(tmp_path / "tests")}
    config.adopt_tree(list(tests.values()))
    for name, why in (("extmod/machine_uart_tx.py", "target_wiring"),
                      ("import/import_file.py", "--via-mpy")):
        result = run_test(tests[name], config)
        assert result.jitvm.status == "skip" and why in result.jitvm.reason
