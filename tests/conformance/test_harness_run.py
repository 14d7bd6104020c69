"""End-to-end runs of `jitvm conformance` on tiny suites, with a fake jitvm."""

from __future__ import annotations

import re
from pathlib import Path

from conformance.execute import STATUSES
from conformance.summary import COUNT_KEYS

from .suite_helpers import MAIN_STATUSES, HarnessRun, run_harness, write_suite


def test_each_case_gets_its_status(main_run: HarnessRun) -> None:
    got = {t["name"]: t["status"] for t in main_run.report["tests"]}
    assert got == MAIN_STATUSES
    assert list(got) == sorted(got)  # run in parallel, reported in discovery order


def test_helper_files_are_not_tests(main_run: HarnessRun) -> None:
    names = {t["name"] for t in main_run.report["tests"]}
    assert not any("__init__" in n or "__pycache__" in n or "stale" in n for n in names)


def test_reasons_say_what_happened(main_run: HarnessRun) -> None:
    reason = {t["name"]: t["reason"] for t in main_run.report["tests"]}
    assert reason["basics/crash.py"] == "killed by SIGSEGV"
    assert reason["misc/exit3.py"] == "exit code 3"
    assert reason["misc/syntax_error.py"].startswith("mpy-cross: ")
    assert "SyntaxError" in reason["misc/syntax_error.py"]
    assert reason["misc/host_traceback.py"].startswith("host traceback: RuntimeError")
    assert reason["misc/guest_exception.py"] == "uncaught exception: ValueError: boom"
    assert reason["misc/cpython_cannot.py"].startswith("skipped: CPython cannot run it")
    assert reason["misc/skip.py"] == "printed SKIP"
    assert reason["basics/wrong.py"] == "output differs from expected"


def test_expected_output_comes_from_exp_file_when_present(main_run: HarnessRun) -> None:
    differs = main_run.test("misc/exp_differs.py")
    assert differs["expected_source"] == "exp"
    assert "-the exp file says this" in differs["diff"]
    assert "+cpython says this" in differs["diff"]
    assert main_run.test("basics/ok.py")["expected_source"] == "cpython"


def test_uncaught_exception_diff_shows_the_guest_traceback(main_run: HarnessRun) -> None:
    diff = main_run.test("misc/guest_exception.py")["diff"]
    assert '+  File "guest_exception.py", line 2, in <module>' in diff
    assert "+ValueError: boom" in diff


def test_json_report_schema(main_run: HarnessRun) -> None:
    report = main_run.report
    assert set(report) >= {"summary", "tests", "categories", "implementation"}
    summary = report["summary"]
    assert set(summary) == {"passed", "failed", "skipped", "timeout", "crashed", "total"}
    statuses = [t["status"] for t in report["tests"]]
    for status, key in COUNT_KEYS.items():
        assert summary[key] == statuses.count(status)
    assert summary["total"] == len(statuses) == len(MAIN_STATUSES)
    for test in report["tests"]:
        assert {"name", "category", "status", "seconds", "reason", "micropython"} <= set(test)
        assert test["status"] in STATUSES
        assert test["micropython"] is None  # --ref cpython: no MicroPython column
        assert isinstance(test["seconds"], float) and test["seconds"] >= 0
        assert test["category"] == test["name"].split("/")[0]
    assert set(report["categories"]) == {"basics", "misc"}
    basics = report["categories"]["basics"]["jitvm"]
    assert basics == {
        "passed": 1,
        "failed": 1,
        "skipped": 0,
        "timeout": 0,
        "crashed": 1,
        "total": 3,
    }
    impl = report["implementation"]
    assert impl["ref"] == "cpython" and impl["timeout"] == 30
    assert "fake_jitvm.py" in " ".join(impl["jitvm"]["command"])


def test_terminal_summary_lists_categories_and_failures(main_run: HarnessRun) -> None:
    out = main_run.stdout
    assert re.search(r"^basics\s+jitvm\s+1\s+1\s+0\s+0\s+1\s+3$", out, re.MULTILINE)
    assert re.search(r"^misc\s+jitvm\s+1\s+2\s+2\s+0\s+3\s+8$", out, re.MULTILINE)
    assert "FAIL     basics/wrong.py: output differs from expected" in out
    assert "CRASH    basics/crash.py: killed by SIGSEGV" in out
    assert "skip.py" not in out.split("failing test(s):")[1]
    assert out.rstrip().endswith("conformance: 2 passed, 7 failed, 2 skipped")


def test_exit_code_is_1_when_anything_failed(main_run: HarnessRun) -> None:
    assert main_run.code == 1


def test_html_report_holds_escaped_diffs_and_no_external_assets(main_run: HarnessRun) -> None:
    html = main_run.html
    assert html.startswith("<!DOCTYPE html>")
    assert "&lt;tag&gt; &amp; more" in html
    assert "<tag>" not in html
    assert '<span class="add">+an extra line</span>' in html
    assert "http://" not in html and "https://" not in html
    assert "<link" not in html and "<script" not in html
    # One stacked bar per category and implementation.
    assert html.count('<div class="bar">') == 2
    failing = [n for n, s in MAIN_STATUSES.items() if s in ("fail", "crash", "timeout")]
    for name in failing:
        assert f'<h3><a href="#test-{re.sub(r"[^A-Za-z0-9_.-]+", "_", name)}' in html


def test_clean_run_exits_0(main_suite: Path, tmp_path: Path) -> None:
    run = run_harness(main_suite, tmp_path, "-k", "ok.py", "-k", "WITHEXP", cache=tmp_path / "c")
    assert run.code == 0
    assert {t["name"] for t in run.report["tests"]} == {"basics/ok.py", "misc/withexp.py"}


def test_bad_arguments_exit_2(main_suite: Path, tmp_path: Path) -> None:
    cache = tmp_path / "c"
    assert run_harness(tmp_path / "missing", tmp_path, cache=cache).code == 2
    assert run_harness(main_suite, tmp_path, "-k", "no-such-test", cache=cache).code == 2
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    assert run_harness(main_suite, tmp_path, "--baseline", str(bad), cache=cache).code == 2
    assert run_harness(main_suite, tmp_path, "-j", "0", cache=cache).code == 2


def test_file_given_directly_takes_its_folder_as_category(main_suite: Path, tmp_path: Path) -> None:
    run = run_harness(main_suite / "basics" / "ok.py", tmp_path, cache=tmp_path / "c")
    assert [(t["name"], t["category"], t["status"]) for t in run.report["tests"]] == [
        ("basics/ok.py", "basics", "pass")
    ]


def test_a_hanging_test_times_out(tmp_path: Path) -> None:
    # A .exp file, so no CPython run has to fit in the short limit.
    files = {"slow/hang.py": 'print("x")\n# fake-jitvm: hang\n', "slow/hang.py.exp": "x\n"}
    suite = write_suite(tmp_path / "s", files)
    run = run_harness(suite, tmp_path / "out", "--timeout", "0.5", cache=tmp_path / "c")
    test = run.test("slow/hang.py")
    assert test["status"] == "timeout"
    assert test["reason"].startswith("killed after")
    assert run.report["summary"]["timeout"] == 1
    assert run.code == 1
