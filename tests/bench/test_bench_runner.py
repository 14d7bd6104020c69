"""The runner: interleaving, validation against CPython, errors, JSON, plot and the CLI entry."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pytest

from benchmarks.driver import RESULT_MARKER
from benchmarks.impls import Implementation, parse_impl_command, select_implementations
from benchmarks.report import format_table, to_json, write_plot
from benchmarks.results import ERROR, MISMATCH, OK, SKIP
from benchmarks.runner import add_arguments, main
from benchmarks.suite import collect, run_suite
from tests.bench.helpers import TINY, expected_tiny, fake_impl


def _bench(tiny_bench) -> list:
    return collect([str(tiny_bench)])


def _args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    return parser.parse_args(argv)


def test_cpython_and_micropython_cells_are_timed_and_validated(tiny_bench, cpython, micropython):
    suite = run_suite(_bench(tiny_bench), [cpython, micropython], repeat=2, param_n=100, param_m=10)
    for impl in ("cpython", "micropython"):
        cell = suite.cells[("bm_tiny", impl)]
        assert cell.status == OK, cell.reason
        assert len(cell.repeats) == 2
        assert cell.result == expected_tiny(1000)
    assert suite.ratio("bm_tiny", "cpython") == pytest.approx(1.0)
    assert suite.ratio("bm_tiny", "micropython") > 0


def test_runs_are_interleaved_repeat_then_benchmark_then_impl(tmp_path, tiny_bench):
    log = tmp_path / "order.log"
    second = tiny_bench.parent / "bm_other.py"
    second.write_text(TINY)
    body = (
        "import os, runpy\n"
        "with open(LOG, 'a') as f:\n"
        "    f.write(os.path.basename(sys.argv[1]) + ' ' + NAME + '\\n')\n"
        "sys.argv = sys.argv[1:]\n"
        "runpy.run_path(sys.argv[0], run_name='__main__')\n"
    )
    impls = [
        fake_impl(tmp_path, n, f"LOG = {str(log)!r}\nNAME = {n!r}\n" + body)
        for n in ("cpython", "other")
    ]
    suite = run_suite(
        collect([str(tiny_bench), str(second)]), impls, repeat=2, param_n=50, param_m=10
    )
    assert suite.count(OK) == 4
    order = log.read_text().split("\n")[:-1]
    one_round = [
        "bm_tiny.py cpython",
        "bm_tiny.py other",
        "bm_other.py cpython",
        "bm_other.py other",
    ]
    assert order == one_round * 2


def test_wrong_result_is_flagged_not_timed(tmp_path, tiny_bench, cpython):
    liar = fake_impl(tmp_path, "liar", f'print("{RESULT_MARKER} 1000 1 fake (1, 2)")\n')
    suite = run_suite(_bench(tiny_bench), [cpython, liar], repeat=1, param_n=50, param_m=10)
    cell = suite.cells[("bm_tiny", "liar")]
    assert cell.status == MISMATCH
    assert "differs from cpython" in cell.reason
    assert cell.seconds is None
    assert suite.geomeans()["liar"] is None
    assert "MISMATCH" in format_table(suite)


def test_exp_file_beats_cpython_as_the_truth(tmp_path, tiny_bench, cpython):
    (tiny_bench.parent / "bm_tiny.py.exp").write_text("(500, 0)\n")
    suite = run_suite(_bench(tiny_bench), [cpython], repeat=1, param_n=50, param_m=10)
    cell = suite.cells[("bm_tiny", "cpython")]
    assert cell.status == MISMATCH and "bm_tiny.exp" in cell.reason


def test_result_none_is_not_checked(tmp_path, tiny_bench, cpython):
    quiet = fake_impl(tmp_path, "quiet", f'print("{RESULT_MARKER} 1000 1 fake None")\n')
    suite = run_suite(_bench(tiny_bench), [cpython, quiet], repeat=1, param_n=50, param_m=10)
    assert suite.cells[("bm_tiny", "quiet")].status == OK


def test_result_that_changes_between_repeats_is_a_mismatch(tmp_path, tiny_bench, cpython):
    counter = tmp_path / "count"
    flaky = fake_impl(
        tmp_path,
        "flaky",
        f"""
        import os
        n = int(open({str(counter)!r}).read()) if os.path.exists({str(counter)!r}) else 0
        open({str(counter)!r}, "w").write(str(n + 1))
        print("{RESULT_MARKER} 1000 1 fake", n)
    """,
    )
    suite = run_suite(_bench(tiny_bench), [cpython, flaky], repeat=3, param_n=50, param_m=10)
    cell = suite.cells[("bm_tiny", "flaky")]
    assert cell.status == MISMATCH and "between repeats" in cell.reason
    assert counter.read_text() == "2"  # not run again after the mismatch


def test_missing_unknown_and_crashing_impls_are_errors_with_one_line_reasons(
    tmp_path, tiny_bench, cpython
):
    missing = Implementation(
        "micropython", missing="no micropython binary next to python or on PATH"
    )
    absent = Implementation("absent", ("/nonexistent/bin/python-nope",))
    crash = fake_impl(tmp_path, "crash", 'raise RuntimeError("vm exploded")\n')
    impls = [cpython, missing, absent, crash] + select_implementations(["nosuch"])[1:]
    suite = run_suite(_bench(tiny_bench), impls, repeat=2, param_n=50, param_m=10)
    reasons = {
        i: suite.cells[("bm_tiny", i)].reason for i in ("micropython", "absent", "crash", "nosuch")
    }
    for impl, reason in reasons.items():
        assert suite.cells[("bm_tiny", impl)].status == ERROR, impl
        assert reason and "\n" not in reason, impl
        assert suite.geomeans()[impl] is None
    assert "no micropython binary" in reasons["micropython"]
    assert "cannot start" in reasons["absent"]
    assert "RuntimeError: vm exploded" in reasons["crash"]
    assert "unknown implementation" in reasons["nosuch"]
    assert suite.geomeans()["cpython"] == pytest.approx(1.0)
    table = format_table(suite)
    assert "vm exploded" in table and "n/a" in table


def test_timeout_is_an_error(tmp_path, tiny_bench, cpython):
    slow = fake_impl(tmp_path, "slow", "import time\ntime.sleep(30)\n")
    suite = run_suite(
        _bench(tiny_bench), [cpython, slow], repeat=1, param_n=50, param_m=10, timeout=0.5
    )
    cell = suite.cells[("bm_tiny", "slow")]
    assert cell.status == ERROR and "timeout" in cell.reason


def test_skip_is_reported_as_skip(tmp_path, cpython):
    (tmp_path / "src").mkdir()
    path = tmp_path / "src" / "bm_skip.py"
    path.write_text('print("SKIP")\nraise SystemExit\nbm_params = {}\ndef bm_setup(p):\n    pass\n')
    suite = run_suite(collect([str(path)]), [cpython], repeat=1)
    assert suite.cells[("bm_skip", "cpython")].status == SKIP


def test_jitvm_impls_run_or_fail_cleanly(tiny_bench):
    impls = select_implementations(["cpython", "jitvm-t0", "jitvm"])
    suite = run_suite(_bench(tiny_bench), impls, repeat=1, param_n=50, param_m=10, timeout=120)
    for impl in ("jitvm-t0", "jitvm"):
        cell = suite.cells[("bm_tiny", impl)]
        # while the VM is being written this is an error; once it runs it must agree
        assert cell.status in (OK, ERROR), (impl, cell.status, cell.reason)
        if cell.status == ERROR:
            assert cell.reason and "\n" not in cell.reason
        else:
            assert cell.result == expected_tiny(500)


def test_collect_filters_folders_and_names(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "bm_one.py").write_text(TINY)
    (a / "benchrun.py").write_text("def bm_run(N, M):\n    pass\n")
    (a / "notes.txt").write_text("x")
    (b / "bm_one.py").write_text(TINY)
    (b / "bm_two.py").write_text(TINY)
    names = [x.name for x in collect([str(a), str(b)])]
    assert names == ["bm_one", "b/bm_one", "bm_two"]
    assert [x.name for x in collect([str(a), str(b)], "two")] == ["bm_two"]
    with pytest.raises(FileNotFoundError):
        collect([str(tmp_path / "nope")])


def test_json_shape(tmp_path, tiny_bench, cpython, micropython):
    suite = run_suite(_bench(tiny_bench), [cpython, micropython], repeat=2, param_n=50, param_m=10)
    doc = json.loads(json.dumps(to_json(suite)))
    assert set(doc) >= {"results", "geomean_vs_cpython", "machine"}
    assert {r["impl"] for r in doc["results"]} == {"cpython", "micropython"}
    for r in doc["results"]:
        assert set(r) >= {"benchmark", "impl", "seconds", "ok", "repeats"}
        assert r["benchmark"] == "bm_tiny" and r["ok"] is True
        assert len(r["repeats"]) == 2
        assert r["seconds"] == pytest.approx(sum(r["repeats"]) / 2)  # median of two
    assert doc["geomean_vs_cpython"]["cpython"] == pytest.approx(1.0)
    assert doc["geomean_vs_cpython"]["micropython"] > 0
    assert doc["machine"]["python"] == sys.version.split()[0]


def test_plot_is_a_png(tmp_path, tiny_bench, cpython, micropython):
    suite = run_suite(
        _bench(tiny_bench),
        [cpython, micropython, Implementation("x", missing="gone")],
        repeat=1,
        param_n=50,
        param_m=10,
    )
    out = tmp_path / "ratios.png"
    write_plot(suite, str(out))
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_main_writes_table_json_and_plot(tmp_path, tiny_bench, capsys):
    js, png = tmp_path / "out.json", tmp_path / "out.png"
    args = _args(
        [
            str(tiny_bench.parent),
            "--impl",
            "micropython",
            "--repeat",
            "1",
            "-q",
            "--param-n",
            "50",
            "--param-m",
            "10",
            "--json",
            str(js),
            "--plot",
            str(png),
        ]
    )
    assert main(args) == 0
    table = capsys.readouterr().out
    assert "bm_tiny" in table and "geomean vs cpython" in table
    doc = json.loads(js.read_text())
    assert [r["impl"] for r in doc["results"]] == ["cpython", "micropython"]  # cpython always runs
    assert png.read_bytes()[:4] == b"\x89PNG"


def test_main_exits_1_on_mismatch_and_2_on_bad_usage(tmp_path, tiny_bench):
    cmd = f"liar={sys.executable} -c 'print(\"{RESULT_MARKER} 5 1 fake 0\")'"
    args = _args(
        [
            str(tiny_bench),
            "--impl",
            "liar",
            "--impl-cmd",
            cmd,
            "--repeat",
            "1",
            "-q",
            "--param-n",
            "50",
            "--param-m",
            "10",
        ]
    )
    assert main(args) == 1
    assert main(_args([str(tmp_path / "missing.py"), "-q"])) == 2
    assert main(_args([str(tiny_bench), "-k", "zzz", "-q"])) == 2
    assert main(_args([str(tiny_bench), "--impl-cmd", "broken", "-q"])) == 2


def test_parse_impl_command():
    impl = parse_impl_command("fast=/usr/bin/env python3 -X 'a b'")
    assert impl.name == "fast"
    assert impl.command("d.py") == ["/usr/bin/env", "python3", "-X", "a b", "d.py"]
    for bad in ("noequals", "=cmd", "name="):
        with pytest.raises(ValueError):
            parse_impl_command(bad)


def test_select_implementations_puts_cpython_first_and_applies_overrides():
    over = {"jitvm": Implementation("jitvm", ("myjit",))}
    impls = select_implementations(["jitvm", "micropython", "jitvm"], over)
    assert [i.name for i in impls] == ["cpython", "jitvm", "micropython"]
    assert impls[1].argv == ("myjit",)
    assert Path(impls[0].argv[0]).name.startswith("python")
