"""Baseline diffing (JSON, terminal, HTML links) and the MicroPython/CPython columns."""

from __future__ import annotations

import json
import re
from pathlib import Path

from .suite_helpers import HarnessRun, run_harness, write_suite


def test_baseline_reports_newly_passing_and_failing(
    main_run: HarnessRun, main_suite: Path, tmp_path: Path
) -> None:
    # An earlier report in which ok.py failed, wrong.py passed and one test existed
    # that is gone now; exit3.py was already crashing (no change).
    old = main_run.report
    for test in old["tests"]:
        if test["name"] == "basics/ok.py":
            test["status"] = "fail"
        elif test["name"] == "basics/wrong.py":
            test["status"] = "pass"
        elif test["name"] == "misc/withexp.py":
            test["status"] = "skip"
    old["tests"].append({"name": "misc/removed.py", "status": "pass"})
    old["tests"] = [t for t in old["tests"] if t["name"] != "misc/skip.py"]
    baseline = tmp_path / "old.json"
    baseline.write_text(json.dumps(old))

    run = run_harness(main_suite, tmp_path / "out", "--baseline", str(baseline), cache=tmp_path)
    changes = run.report["changes"]
    assert changes["newly_passing"] == ["basics/ok.py", "misc/withexp.py"]
    assert changes["newly_failing"] == ["basics/wrong.py"]
    assert changes["new_tests"] == ["misc/skip.py"]
    assert changes["removed_tests"] == ["misc/removed.py"]
    assert changes["other_changes"] == []
    assert "2 newly passing, 1 newly failing, 1 new, 1 removed" in run.stdout
    assert "- now fails:  basics/wrong.py" in run.stdout

    html = run.html
    assert 'id="changes"' in html
    section = html.split('id="changes"')[1].split('id="failures"')[0]
    links = re.findall(r'href="#([^"]+)"', section)
    # Each link of the changes section lands on an element of the page...
    for target in links:
        assert f'id="{target}"' in html
    # ...newly failing on the failure's diff, newly passing on the test's row.
    assert any(t.startswith("fail-basics_wrong.py") for t in links)
    assert any(t.startswith("test-basics_ok.py") for t in links)
    # And back: the failure and the row point at the changes section.
    assert '<a class="badge" href="#changes">newly failing (was pass)</a>' in html
    assert '<a class="badge good" href="#changes">newly passing</a>' in html


def test_micropython_column_says_whose_fault_a_failure_is(tmp_path: Path) -> None:
    suite = write_suite(
        tmp_path / "s",
        {
            "ref/same.py": "print(sum(range(10)))\n",
            "ref/jitvm_only.py": "print(2 ** 10)\n# fake-jitvm: wrong\n",
            "ref/both_differ.py": "import sys\nprint(sys.implementation.name)\n# fake-jitvm: wrong\n",
            "ref/exp_wrong.py": 'print("real")\n',
            "ref/exp_wrong.py.exp": "not what anyone prints\n",
        },
    )
    run = run_harness(suite, tmp_path / "out", "--ref", "both", "-j", "2", cache=tmp_path)
    rows = {t["name"]: t for t in run.report["tests"]}
    assert rows["ref/same.py"]["status"] == rows["ref/same.py"]["micropython"] == "pass"
    assert rows["ref/jitvm_only.py"]["micropython"] == "pass"
    assert rows["ref/jitvm_only.py"]["reason"].endswith("(jitvm differs from MicroPython)")
    assert rows["ref/both_differ.py"]["micropython"] == "fail"
    assert rows["ref/both_differ.py"]["reason"].endswith("(MicroPython differs from CPython too)")
    # The CPython column: CPython matches its own output, but not a wrong .exp.
    assert rows["ref/same.py"]["cpython"] == "pass"
    assert rows["ref/exp_wrong.py"]["cpython"] == "fail"
    per_impl = run.report["categories"]["ref"]
    assert set(per_impl) == {"jitvm", "micropython", "cpython"}
    assert per_impl["micropython"]["passed"] == 2 and per_impl["cpython"]["failed"] == 1
    assert "micropython" in run.report["implementation"]
    assert re.search(r"^ref\s+micropython\s+2\s+2\s+0\s+0\s+0\s+4$", run.stdout, re.MULTILINE)


def test_known_failures_do_not_fail_the_run_but_a_fixed_one_does(main_suite, tmp_path):
    first = run_harness(main_suite, tmp_path / "o1", cache=tmp_path)
    bad = sorted(t["name"] for t in first.report["tests"] if t["status"] in ("fail", "timeout",
                                                                               "crash"))
    assert bad and first.code == 1
    known = tmp_path / "known.txt"
    known.write_text("# expected\n" + "".join(f"{n} reason\n" for n in bad))
    run = run_harness(main_suite, tmp_path / "o2", "--known-failures", str(known), cache=tmp_path)
    assert run.code == 0 and f"{len(bad)} failed as expected, 0 unexpected" in run.stdout
    passing = next(t["name"] for t in first.report["tests"] if t["status"] == "pass")
    known.write_text(known.read_text() + f"{passing} it used to fail\n")
    run = run_harness(main_suite, tmp_path / "o3", "--known-failures", str(known), cache=tmp_path)
    assert run.code == 1 and f"{passing} passes: remove it" in run.stdout
    known.write_text("".join(f"{n} reason\n" for n in bad[1:]))
    run = run_harness(main_suite, tmp_path / "o4", "--known-failures", str(known), cache=tmp_path)
    assert run.code == 1 and "1 unexpected" in run.stdout
