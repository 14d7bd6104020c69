"""The driver protocol: param choice, timing line, and parsing of what a driver prints."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.driver import RESULT_MARKER, driver_source, parse_output, write_driver
from benchmarks.suite import run_driver
from tests.bench.helpers import TINY, expected_tiny


def test_cpython_runs_the_tiny_benchmark_and_reports_time_norm_and_result(
    tiny_bench, cpython, tmp_path
):
    driver = write_driver(str(tiny_bench), str(tmp_path), 100, 10)
    out = run_driver(cpython, driver, timeout=60)
    assert out.status == "ok", out.reason
    assert out.norm == 1000
    assert out.result == expected_tiny(1000)
    assert out.clock == "perf_counter"
    assert out.seconds is not None and out.seconds >= 0


def test_micropython_uses_ticks_us_and_agrees_with_cpython(
    tiny_bench, cpython, micropython, tmp_path
):
    driver = write_driver(str(tiny_bench), str(tmp_path), 1000, 10)
    mp = run_driver(micropython, driver, timeout=60)
    cp = run_driver(cpython, driver, timeout=60)
    assert mp.status == "ok", mp.reason
    assert mp.clock == "ticks_us"
    assert mp.result == cp.result == expected_tiny(2000)


def test_params_are_chosen_with_benchrun_rule(tiny_bench, cpython, tmp_path):
    # benchrun.py picks the largest key with 10*n <= 12*N and m <= M
    cases = {
        (50, 10): 500,
        (60, 10): 500,
        (83, 10): 500,
        (84, 10): 1000,
        (100, 10): 1000,
        (5000, 10): 2000,
    }
    for (n, m), loops in cases.items():
        driver = write_driver(str(tiny_bench), str(tmp_path), n, m)
        out = run_driver(cpython, driver, timeout=60)
        assert out.status == "ok", (n, m, out.reason)
        assert out.norm == loops, (n, m)


def test_no_matching_params_is_an_error_with_reason(tiny_bench, cpython, tmp_path):
    driver = write_driver(str(tiny_bench), str(tmp_path), 10, 10)
    out = run_driver(cpython, driver, timeout=60)
    assert out.status == "error"
    assert "no matching params" in out.reason
    out = run_driver(cpython, write_driver(str(tiny_bench), str(tmp_path), 1000, 5), timeout=60)
    assert out.status == "error"


def test_viper_decorators_without_import_run_on_cpython_through_the_shim(
    tmp_path, cpython, micropython
):
    # perf_bench's viper_* files use @micropython.viper without importing micropython
    src = (
        "@micropython.viper\ndef add(x: int, y: int) -> int:\n    return x + y\n\n"
        "@micropython.native\ndef loop(n):\n    t = 0\n    for i in range(n):\n        t = add(t, i)\n    return t\n\n"
        "bm_params = {(1, 1): (100,)}\n\n"
        "def bm_setup(p):\n    r = []\n    return (lambda: r.append(loop(p[0]))), (lambda: (1, r[0]))\n"
    )
    (tmp_path / "src").mkdir()
    path = tmp_path / "src" / "viper_add.py"
    path.write_text(src)
    driver = write_driver(str(path), str(tmp_path), 1000, 1000)
    cp = run_driver(cpython, driver, timeout=60)
    assert cp.status == "ok", cp.reason
    assert cp.result == str(sum(range(100)))
    mp = run_driver(micropython, driver, timeout=60)
    assert mp.status == "ok", mp.reason
    assert mp.result == cp.result


def test_driver_source_keeps_the_benchmark_text_verbatim():
    src = driver_source(TINY, 100, 10)
    assert TINY in src
    assert src.index(TINY) < src.index("_bench_main(100, 10)")


def test_parse_output_ok_line_with_spaces_in_result():
    out = parse_output(f"noise\n{RESULT_MARKER} 2500 7 ticks_us ('a b', 3)\n", "", 0)
    assert out.status == "ok"
    assert out.seconds == 0.0025 and out.norm == 7 and out.clock == "ticks_us"
    assert out.result == "('a b', 3)"


def test_parse_output_skip_and_errors():
    assert parse_output("SKIP\n", "", 0).status == "skip"
    crash = parse_output("", "Traceback (most recent call last):\n  ...\nNameError: name 'x'\n", 1)
    assert crash.status == "error"
    assert crash.reason == "exit 1: NameError: name 'x'"
    assert "\n" not in crash.reason
    silent = parse_output("hello\n", "", 0)
    assert silent.status == "error" and "no result line" in silent.reason
    garbled = parse_output(f"{RESULT_MARKER} x y z\n", "", 0)
    assert garbled.status == "error" and "unreadable" in garbled.reason
    late = parse_output(f"{RESULT_MARKER} 10 1 ticks_us 5\n", "boom\n", 3)
    assert late.status == "error" and "exit 3" in late.reason


def test_long_error_lines_are_cut():
    out = parse_output("", "E" * 1000, 1)
    assert len(out.reason) < 200


def test_driver_file_is_named_after_the_benchmark(tiny_bench, tmp_path):
    out_dir = tmp_path / "d"
    out_dir.mkdir()
    path = Path(write_driver(str(tiny_bench), str(out_dir), 50, 10))
    assert path.name == "bm_tiny.py" and path.parent == out_dir


def test_driver_refuses_to_overwrite_its_benchmark(tiny_bench):
    with pytest.raises(ValueError):
        write_driver(str(tiny_bench), str(tiny_bench.parent), 50, 10)
    assert tiny_bench.read_text() == TINY
