"""The harness stays bounded whatever a test does: output size, stray processes, rlimits."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conformance.config import RunConfig
from conformance.discovery import find_tests
from conformance.execute import judge
from conformance.expected import expected_output
from conformance.process import (
    EXIT_GRACE,
    HEAD_BYTES,
    TAIL_BYTES,
    Capture,
    Output,
    ProcessOutcome,
    ResourceLimits,
    run_process,
)

from .suite_helpers import FAKE_CMD, run_harness, write_suite

REPO = Path(__file__).resolve().parents[2]

# --- output capture --------------------------------------------------------------------------


def test_capture_keeps_head_and_tail_and_counts_the_cut() -> None:
    capture = Capture(head=8, tail=8)
    for chunk in (b"0123456789", b"abcdefghij", b"ABCDEFGHIJ"):
        capture.feed(chunk)
    out = capture.finish()
    assert (out.head, out.tail, out.cut, out.size) == (b"01234567", b"CDEFGHIJ", 14, 30)
    assert out.shown() == b"01234567\n[... 14 bytes cut ...]\nCDEFGHIJ"
    # Short output is kept whole, nothing cut.
    small = Output.of(b"a\nb\n")
    assert (small.shown(), small.cut) == (b"a\nb\n", 0)


def test_capture_normalises_crlf_split_between_chunks() -> None:
    capture = Capture()
    for chunk in (b"a\r", b"\nb\r", b"c\r"):
        capture.feed(chunk)
    out = capture.finish()
    assert out.shown() == b"a\nb\rc\r"
    assert out.same_as(Output.of(b"a\r\nb\rc\r"))
    assert out.equals(b"a\nb\rc\r")


def test_cut_outputs_still_compare_exactly() -> None:
    # Three outputs far above the cap, differing only in a byte in the middle
    # (cut out of what is kept) or only at the end.
    size = 4 * (HEAD_BYTES + TAIL_BYTES)
    base = bytearray(b"x" * (size - 1) + b"\n")
    middle = bytearray(base)
    middle[size // 2] = ord("y")
    expected = Output.of(bytes(base))
    assert expected.cut == size - HEAD_BYTES - TAIL_BYTES
    same = ProcessOutcome(0, Output.of(bytes(base)), Output.of(b""), 0.1)
    differs = ProcessOutcome(0, Output.of(bytes(middle)), Output.of(b""), 0.1)
    assert Output.of(bytes(middle)).shown() == expected.shown()  # same head and tail...
    assert judge(same, expected, 5).status == "pass"
    verdict = judge(differs, expected, 5)
    assert verdict.status == "fail"  # ...but not the same output
    assert verdict.cut == expected.cut
    assert f"[... {expected.cut} bytes cut ...]".encode() in (verdict.output or b"")
    assert judge(same, bytes(base) + b"more\n", 5).status == "fail"
    assert Output.of(bytes(base)).equals(bytes(base))
    assert not Output.of(bytes(base)).equals(bytes(middle))


def test_cpython_cache_keeps_the_cut_output_comparable(tmp_path: Path) -> None:
    suite = write_suite(tmp_path / "s", {"c/t.py": 'print("z" * 300000)\n'})
    (test,) = find_tests(suite)
    config = RunConfig(cache=tmp_path / "cache")
    fresh = expected_output(test, config).output
    assert fresh is not None and fresh.cut > 0
    config.python = str(tmp_path / "no-such-python")  # only the cache can answer now
    cached = expected_output(test, config).output
    assert cached is not None and cached.same_as(fresh) and cached.shown() == fresh.shown()
    assert cached.same_as(Output.of(b"z" * 300000 + b"\n"))


# --- a test printing ~50 MB --------------------------------------------------------------------


def _lines(count: int) -> str:
    # `count` numbered lines of 100 bytes (distinct, as real output mostly is).
    return f"for i in range({count}):\n    print(f'{{i:09d}} ' + 'x' * 89)\n"


BIG_SUITE = {
    # 50 MB, and one line more on the (fake) jitvm: fails, at the very end.
    "big/huge_wrong.py": _lines(500_000) + "# fake-jitvm: wrong\n",
    # 2 MB, the same on both: passes although both outputs are cut.
    "big/huge_same.py": _lines(20_000),
    # 2 MB differing from CPython's in one line in the (cut) middle: fails.
    "big/huge_middle.py": "import sys\n"
    + _lines(20_000)
    + "    if i == 10_000:\n"
    + "        print('only on jitvm' if sys.argv[0].endswith('fake_jitvm.py') else 'both')\n",
}

# Runs the harness in a fresh interpreter and records its own peak RSS (children
# are not counted: RUSAGE_SELF) before and after the run.
_MEASURE = """
import json, resource, sys
import conformance.harness, conformance.execute, jitvm.viper  # warm imports
from conformance.harness import standalone
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
code = standalone(sys.argv[2:])
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
with open(sys.argv[1], "w") as f:
    json.dump({"code": code, "before_kib": before, "after_kib": after}, f)
"""
MAX_GROWTH_MIB = 40  # what the harness may add to its peak while the run prints >100 MB


def test_huge_output_is_cut_and_harness_memory_stays_bounded(tmp_path: Path) -> None:
    suite = write_suite(tmp_path / "s", BIG_SUITE)
    out = tmp_path / "out"
    out.mkdir()
    stats, json_path, html_path = out / "stats.json", out / "r.json", out / "r.html"
    argv = [str(suite), "--jitvm-cmd", FAKE_CMD, "--json", str(json_path)]
    argv += ["--html", str(html_path), "--timeout", "60", "-j", "3"]
    env = dict(os.environ, JITVM_CACHE=str(tmp_path / "cache"))
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(stats), *argv],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    measured = json.loads(stats.read_text())
    assert measured["code"] == 1
    growth_mib = (measured["after_kib"] - measured["before_kib"]) / 1024
    assert growth_mib < MAX_GROWTH_MIB, measured

    report = json.loads(json_path.read_text())
    rows = {t["name"]: t for t in report["tests"]}
    assert rows["big/huge_same.py"]["status"] == "pass"
    assert rows["big/huge_middle.py"]["status"] == "fail"
    assert rows["big/huge_middle.py"]["reason"] == "output differs from expected"
    wrong = rows["big/huge_wrong.py"]
    assert wrong["status"] == "fail"
    total = 500_000 * 100
    kept = HEAD_BYTES + TAIL_BYTES
    assert wrong["expected_cut"] == total - kept
    assert wrong["output_cut"] == total + len("an extra line\n") - kept
    diff = wrong["diff"]
    assert f"+[... {wrong['output_cut']} bytes cut ...]" in diff
    assert f"-[... {wrong['expected_cut']} bytes cut ...]" in diff
    assert diff.rstrip().endswith("+an extra line")
    assert len(diff) < 2 * kept + 10_000
    html = html_path.read_text()
    assert f"jitvm&#x27;s output: {wrong['output_cut']} bytes cut from the middle" in html
    # The reports hold heads and tails, not the 50 MB.
    assert json_path.stat().st_size < 1_000_000
    assert html_path.stat().st_size < 1_000_000


# --- stray processes -------------------------------------------------------------------------

SLEEPER_TAG = "conformance-harness-test-sleeper"
_SLEEPER = f"[sys.executable, '-c', 'import time; time.sleep(60)', {SLEEPER_TAG!r}]"
_RECORD = "with open('pids.txt', 'a') as f:\n    f.write(f'{kind} {pid}\\n')\n"


def _setsid_test(then: str) -> str:
    # A grandchild in a session of its own, holding the test's stdout and stderr.
    return (
        "import subprocess, sys, time\n"
        f"pid = subprocess.Popen({_SLEEPER}, start_new_session=True).pid\n"
        "kind = 'setsid'\n" + _RECORD + "print('started', flush=True)\n" + then
    )


def _fork_test(then: str) -> str:
    # A child in the test's own process group (fork, then exec a sleeper).
    return (
        "import os, sys, time\n"
        "pid = os.fork()\n"
        "if pid == 0:\n"
        "    try:\n"
        f"        os.execv(sys.executable, {_SLEEPER})\n"
        "    finally:\n"
        "        os._exit(127)\n"
        "kind = 'fork'\n" + _RECORD + "print('started', flush=True)\n" + then
    )


PROC_SUITE = {
    # No .exp: CPython runs these too (and leaves its own grandchild behind).
    "procs/setsid_exit.py": _setsid_test(""),
    "procs/fork_exit.py": _fork_test(""),
    # CPython's reference run times out: killed with its group, skipped.
    "procs/cpython_hang.py": _fork_test("time.sleep(60)\n"),
    # With .exp files: only the (fake) jitvm runs them, and times out.
    "procs/setsid_hang.py": _setsid_test("time.sleep(60)\n"),
    "procs/setsid_hang.py.exp": "started\n",
    "procs/fork_hang.py": _fork_test("time.sleep(60)\n"),
    "procs/fork_hang.py.exp": "started\n",
}
PROC_TIMEOUT = 1.0  # the harness kills at 2 s (timeout + 1 s grace)


def _alive(pid: int) -> bool:
    """Running (a zombie waiting for its reaper counts as dead)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _is_our_sleeper(pid: int) -> bool:
    try:
        return SLEEPER_TAG.encode() in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def _recorded(folder: Path) -> list[tuple[str, int]]:
    lines = (folder / "pids.txt").read_text().split()
    return [(kind, int(pid)) for kind, pid in zip(lines[::2], lines[1::2], strict=True)]


def _wait_dead(pid: int, within: float = 3.0) -> bool:
    end = time.monotonic() + within
    while _alive(pid):
        if time.monotonic() > end:
            return False
        time.sleep(0.05)
    return True


def test_stray_processes_neither_hang_the_harness_nor_survive_a_kill(tmp_path: Path) -> None:
    suite = write_suite(tmp_path / "s", PROC_SUITE)
    folder = suite / "procs"
    fds_before = set(os.listdir("/proc/self/fd"))
    threads_before = threading.active_count()
    started = time.monotonic()
    try:
        run = run_harness(
            suite,
            tmp_path / "out",
            "--timeout",
            f"{PROC_TIMEOUT:g}",
            "-j",
            "5",
            cache=tmp_path / "cache",
        )
        seconds = time.monotonic() - started
        # An escaped grandchild holding the pipes costs EXIT_GRACE, not its 60 s.
        kill_after = RunConfig(timeout=PROC_TIMEOUT).kill_after
        assert seconds < kill_after + EXIT_GRACE + 8, seconds
        rows = {t["name"]: t for t in run.report["tests"]}
        assert rows["procs/setsid_exit.py"]["status"] == "pass"
        assert rows["procs/fork_exit.py"]["status"] == "pass"
        assert rows["procs/setsid_hang.py"]["status"] == "timeout"
        assert rows["procs/fork_hang.py"]["status"] == "timeout"
        cpython_hang = rows["procs/cpython_hang.py"]
        assert cpython_hang["status"] == "skip"
        assert cpython_hang["reason"] == "skipped: CPython cannot run it (timed out)"
        # Nothing left open or running in the harness itself.
        assert set(os.listdir("/proc/self/fd")) == fds_before
        assert threading.active_count() == threads_before

        recorded = _recorded(folder)
        kinds = sorted(kind for kind, _ in recorded)
        # setsid_exit: CPython + jitvm, setsid_hang: jitvm; fork_exit: both,
        # fork_hang: jitvm, cpython_hang: CPython.
        assert kinds == ["fork"] * 4 + ["setsid"] * 3, recorded
        for kind, pid in recorded:
            if kind == "fork":  # in the test's group: killed with it
                assert _wait_dead(pid), f"forked child {pid} outlived its test"
            else:  # escaped the group: still alive, so the pipes really were held
                assert _alive(pid) and _is_our_sleeper(pid)
    finally:
        if (folder / "pids.txt").exists():
            for _, pid in _recorded(folder):
                if _alive(pid) and _is_our_sleeper(pid):
                    os.kill(pid, signal.SIGKILL)


# --- resource limits of the CPython reference ---------------------------------------------------

LIMIT_SUITE = {
    "limits/huge_file.py": (
        "with open('huge.bin', 'wb') as f:\n"
        "    for _ in range(100):\n"
        "        f.write(bytes(1024 * 1024))\n"
        "print('wrote 100 MiB')\n"
    ),
    # calloc'd, never touched: no real memory is used even without the limit.
    "limits/huge_alloc.py": "x = bytes(3 * 1024**3)\nprint(len(x))\n",
}


def test_cpython_reference_runs_under_resource_limits(tmp_path: Path) -> None:
    suite = write_suite(tmp_path / "s", LIMIT_SUITE)
    huge = suite / "limits" / "huge.bin"
    try:
        run = run_harness(suite, tmp_path / "out", "-j", "2", cache=tmp_path / "cache")
        rows = {t["name"]: t for t in run.report["tests"]}
        assert rows["limits/huge_file.py"]["status"] == "skip"
        assert rows["limits/huge_file.py"]["reason"] == (
            "skipped: CPython cannot run it (OSError: [Errno 27] File too large)"
        )
        assert huge.stat().st_size <= ResourceLimits().file_size
        assert rows["limits/huge_alloc.py"]["status"] == "skip"
        assert rows["limits/huge_alloc.py"]["reason"].endswith("(MemoryError)")
    finally:
        huge.unlink(missing_ok=True)


def test_cpu_limit_stops_a_busy_child(tmp_path: Path) -> None:
    started = time.monotonic()
    busy = [sys.executable, "-c", "while True: pass"]
    outcome = run_process(busy, tmp_path, 20, limits=ResourceLimits(cpu_seconds=1))
    assert outcome.returncode == -signal.SIGXCPU
    assert time.monotonic() - started < 15


def test_limits_wrapper_reports_a_missing_program_like_popen(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        run_process([str(tmp_path / "nothing")], tmp_path, 5, limits=ResourceLimits())


# --- run_process on its own, with and without pidfd_open ----------------------------------------


@pytest.fixture(params=["pidfd", "polling"])
def exit_watch(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "polling":  # as on a system without pidfd_open
        monkeypatch.setattr("conformance.process._pidfd", lambda pid: None)
    return request.param


def test_run_process_reads_everything_and_times_out(exit_watch: str, tmp_path: Path) -> None:
    script = (
        "import sys\nsys.stdout.write('a\\r\\n' * 100000)\nsys.stderr.write('err')\nsys.exit(3)"
    )
    done = run_process([sys.executable, "-c", script], tmp_path, 20)
    assert (done.returncode, done.stderr.shown()) == (3, b"err")
    assert done.stdout.same_as(Output.of(b"a\n" * 100000)) and done.stdout.cut > 0
    started = time.monotonic()
    hang = run_process([sys.executable, "-c", "import time; time.sleep(60)"], tmp_path, 0.5)
    assert hang.killed_for_time
    assert time.monotonic() - started < 0.5 + EXIT_GRACE + 2


def test_run_process_stops_reading_soon_after_the_child_exits(
    exit_watch: str, tmp_path: Path
) -> None:
    # The direct child exits at once; its setsid grandchild keeps the pipes for 60 s.
    script = (
        f"import subprocess, sys\nprint(subprocess.Popen({_SLEEPER}, start_new_session=True).pid)\n"
    )
    started = time.monotonic()
    done = run_process([sys.executable, "-c", script], tmp_path, 20)
    pid = int(done.stdout.shown())
    try:
        assert done.returncode == 0
        assert time.monotonic() - started < EXIT_GRACE + 3
        assert _alive(pid) and _is_our_sleeper(pid)
    finally:
        if _alive(pid) and _is_our_sleeper(pid):
            os.kill(pid, signal.SIGKILL)
