"""The `--jitvm-suite` pytest plugin, driven through a real `pytest` subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from .suite_helpers import FAKE_CMD, write_suite

PLUGIN_SUITE = {
    "basics/ok.py": 'print("fine")\n',
    "basics/wrong.py": 'print("<less> than")\n# fake-jitvm: wrong\n',
    "basics/crash.py": 'print("x")\n# fake-jitvm: crash\n',
    "misc/skip.py": 'print("x")\n# fake-jitvm: skip\n',
    "misc/no_cpython.py": "raise SystemExit(4)\n",
}


def run_pytest(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # A clean environment: the outer pytest(-xdist) run must not leak into this one.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    env["JITVM_CACHE"] = str(cwd / "cache")
    cmd = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-rs", *args]
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, check=False)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write_suite(tmp_path / "suite", PLUGIN_SUITE)
    (tmp_path / "test_plain.py").write_text("def test_plain():\n    assert True\n")
    return tmp_path


def test_suite_runs_in_parallel_with_junit_xml(project: Path) -> None:
    xml = project / "junit.xml"
    args = ["--jitvm-suite", "suite", "--jitvm-cmd", FAKE_CMD, "-n", "2", "--junitxml", str(xml)]
    done = run_pytest(project, *args)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "2 failed, 1 passed, 2 skipped" in done.stdout
    assert "created: 2/2 workers" in done.stdout  # really ran under xdist

    cases = {c.get("name"): c for c in ET.parse(xml).getroot().iter("testcase")}
    assert set(cases) == {name for name in PLUGIN_SUITE}  # only the suite: no test_plain.py
    wrong = cases["basics/wrong.py"].find("failure")
    assert wrong is not None
    assert "basics/wrong.py: fail: output differs from expected" in (wrong.text or "")
    assert "+an extra line" in (wrong.text or "")
    assert " <less> than" in (wrong.text or "")
    crash = cases["basics/crash.py"].find("failure")
    assert crash is not None and "killed by SIGSEGV" in (crash.text or "")
    skipped = cases["misc/skip.py"].find("skipped")
    assert skipped is not None and skipped.get("message") == "printed SKIP"
    no_cpython = cases["misc/no_cpython.py"].find("skipped")
    assert no_cpython is not None
    assert "CPython cannot run it" in (no_cpython.get("message") or "")
    assert cases["basics/ok.py"].find("failure") is None


def test_keyword_selects_items_by_relative_path(project: Path) -> None:
    done = run_pytest(
        project, "--jitvm-suite", "suite", "--jitvm-cmd", FAKE_CMD, "-k", "ok or skip"
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 passed, 1 skipped, 3 deselected" in done.stdout
    assert "SKIPPED [1] suite/misc/skip.py:1: printed SKIP" in done.stdout


def test_a_single_file_and_explicit_paths_together(project: Path) -> None:
    args = ["test_plain.py", "--jitvm-suite", "suite/basics/ok.py", "--jitvm-cmd", FAKE_CMD, "-v"]
    done = run_pytest(project, *args)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "test_plain.py::test_plain PASSED" in done.stdout
    assert "suite/basics::basics/ok.py PASSED" in done.stdout
    assert "2 passed" in done.stdout


def test_plugin_is_inert_without_the_option(project: Path) -> None:
    done = run_pytest(project)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 passed" in done.stdout
    assert "ok.py" not in done.stdout


def test_missing_suite_path_is_a_usage_error(project: Path) -> None:
    done = run_pytest(project, "--jitvm-suite", "nowhere")
    assert done.returncode == 4
    assert "--jitvm-suite nowhere: no such file or folder" in done.stderr
