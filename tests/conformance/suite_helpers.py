"""Helpers for the harness tests: a fake jitvm command, tiny suites on disk, a runner."""

from __future__ import annotations

import contextlib
import io
import json
import shlex
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from conformance.harness import standalone

FAKE_JITVM = Path(__file__).with_name("fake_jitvm.py")
FAKE_CMD = shlex.join([sys.executable, str(FAKE_JITVM)])

# One file per behaviour the harness must tell apart (markers: see fake_jitvm.py).
MAIN_SUITE: dict[str, str] = {
    "basics/ok.py": 'print("hello")\nprint(1 + 2)\n',
    "basics/wrong.py": 'print("<tag> & more")\n# fake-jitvm: wrong\n',
    "basics/crash.py": 'print("x")\n# fake-jitvm: crash\n',
    "misc/skip.py": 'print("x")\n# fake-jitvm: skip\n',
    "misc/withexp.py": 'print("from exp")\n',
    "misc/withexp.py.exp": "from exp\n",
    "misc/exp_differs.py": 'print("cpython says this")\n',
    "misc/exp_differs.py.exp": "the exp file says this\n",
    "misc/cpython_cannot.py": 'import sys\nprint("partial")\nsys.exit(3)\n',
    "misc/syntax_error.py": "def f(:\n",
    "misc/syntax_error.py.exp": "anything\n",
    "misc/guest_exception.py": 'print(1)\nraise ValueError("boom")\n',
    "misc/guest_exception.py.exp": "1\n",
    "misc/host_traceback.py": "print(1)\n# fake-jitvm: host-traceback\n",
    "misc/exit3.py": "print(1)\n# fake-jitvm: exit3\n",
    "misc/__init__.py": "",
    "misc/__pycache__/stale.py": 'print("never collected")\n',
}

MAIN_STATUSES = {
    "basics/ok.py": "pass",
    "basics/wrong.py": "fail",
    "basics/crash.py": "crash",
    "misc/skip.py": "skip",
    "misc/withexp.py": "pass",
    "misc/exp_differs.py": "fail",
    "misc/cpython_cannot.py": "skip",
    "misc/syntax_error.py": "crash",
    "misc/guest_exception.py": "fail",
    "misc/host_traceback.py": "crash",
    "misc/exit3.py": "crash",
}


def write_suite(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


@dataclass
class HarnessRun:
    """What one `jitvm conformance` run left: exit code, stdout, its reports."""

    code: int
    stdout: str
    json_path: Path
    html_path: Path

    @property
    def report(self) -> dict[str, Any]:
        return json.loads(self.json_path.read_text())

    @property
    def html(self) -> str:
        return self.html_path.read_text()

    def test(self, name: str) -> dict[str, Any]:
        return next(t for t in self.report["tests"] if t["name"] == name)


def run_harness(suite: Path, out: Path, *extra: str, cache: Path) -> HarnessRun:
    """Run the harness in-process on `suite` with the fake jitvm; reports go to `out`."""
    out.mkdir(parents=True, exist_ok=True)
    json_path, html_path = out / "report.json", out / "report.html"
    argv = [str(suite), "--jitvm-cmd", FAKE_CMD, "--json", str(json_path)]
    argv += ["--html", str(html_path), "--timeout", "30", *extra]
    stdout = io.StringIO()
    with pytest.MonkeyPatch.context() as mp, contextlib.redirect_stdout(stdout):
        mp.setenv("JITVM_CACHE", str(cache))
        code = standalone(argv)
    return HarnessRun(code, stdout.getvalue(), json_path, html_path)
