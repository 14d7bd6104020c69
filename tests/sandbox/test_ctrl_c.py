"""Ctrl-C (SIGINT to `jitvm run`) raises KeyboardInterrupt in the guest at a safe point, so
`try/finally` and `except KeyboardInterrupt` cleanup runs, in tier 0 and in tier-1 compiled
code; uncaught it prints MicroPython's traceback and the run exits 130; `kbd_intr(-1)` makes
SIGINT end the process at once with no cleanup, as on MicroPython's unix port (checked
against its `ports/unix/unix_mphal.c`: `mp_hal_set_interrupt_char` puts SIG_DFL back).
"""

from __future__ import annotations

import signal
import subprocess
import textwrap
import time

import pytest

from .helpers import finish, guest_env, jitvm_cmd

TIERS = {"tier0": (), "tier1": ("--tier", "1", "--jit-threshold", "0")}

LOOP_FINALLY = """
    def spin():
        n = 0
        while True:
            n += 1
    try:
        print("ready")
        spin()
    finally:
        print("cleanup")
"""

LOOP_EXCEPT = """
    def spin():
        n = 0
        while True:
            n = n + 1
    try:
        print("ready")
        spin()
    except KeyboardInterrupt as e:
        print("caught", type(e).__name__, e.args)
    print("after")
"""

MODULE_LOOP_FINALLY = """
    try:
        print("ready")
        n = 0
        while True:
            n += 1
    finally:
        print("cleanup")
"""

SLEEP_LOOP = """
    import time
    try:
        print("ready")
        while True:
            time.sleep(10)
    except KeyboardInterrupt:
        print("caught after", time.monotonic() >= 10)
"""

KBD_OFF = """
    import micropython
    micropython.kbd_intr(-1)
    try:
        print("ready")
        while True:
            pass
    finally:
        print("cleanup")
"""

KBD_BACK_ON = """
    import micropython
    micropython.kbd_intr(-1)
    micropython.kbd_intr(3)
    try:
        print("ready")
        while True:
            pass
    except KeyboardInterrupt:
        print("caught")
"""


def interrupted(tmp_path, src: str, *args: str):
    prog = tmp_path / "prog.py"
    prog.write_text(textwrap.dedent(src))
    p = subprocess.Popen(jitvm_cmd(prog, *args), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         env=guest_env(), cwd=tmp_path, start_new_session=True)
    first = p.stdout.readline()  # the guest is in its loop once it printed this
    assert first == b"ready\n", (first, p.stderr.read() if p.poll() is not None else "")
    time.sleep(0.3)
    p.send_signal(signal.SIGINT)
    run = finish(p, 10.0)
    assert not run.timed_out, run.text()
    return run


@pytest.mark.parametrize("tier", sorted(TIERS))
def test_uncaught_ctrl_c_runs_finally_then_prints_traceback(tmp_path, tier):
    run = interrupted(tmp_path, LOOP_FINALLY, *TIERS[tier])
    lines = run.stdout.splitlines()
    assert lines[0] == "cleanup", run.text()  # exactly once
    assert lines[1] == "Traceback (most recent call last):", run.text()
    assert lines[-1] == "KeyboardInterrupt: ", run.text()  # MicroPython's form: name, ": "
    assert lines[-2].startswith('  File "prog.py", line 5, in spin'), run.text()
    assert run.returncode == 130, run.text()
    assert run.stderr == "", run.text()


@pytest.mark.parametrize("tier", sorted(TIERS))
def test_ctrl_c_can_be_caught(tmp_path, tier):
    run = interrupted(tmp_path, LOOP_EXCEPT, *TIERS[tier])
    assert run.stdout == "caught KeyboardInterrupt ()\nafter\n", run.text()
    assert run.returncode == 0, run.text()


def test_module_level_loop_runs_its_finally_once(tmp_path):
    run = interrupted(tmp_path, MODULE_LOOP_FINALLY)
    assert run.stdout.count("cleanup") == 1, run.text()
    assert run.stdout.startswith("cleanup\nTraceback (most recent call last):\n"), run.text()
    assert run.returncode == 130, run.text()


@pytest.mark.parametrize("clock", ["virtual", "realtime"])
def test_ctrl_c_during_sleep(tmp_path, clock):
    args = ("--realtime",) if clock == "realtime" else ()
    run = interrupted(tmp_path, SLEEP_LOOP, *args)
    assert run.stdout == "caught after True\n", run.text()
    assert run.elapsed < 5, run.text()  # a realtime sleep(10) was cut short
    assert run.returncode == 0, run.text()


def test_kbd_intr_off_ends_at_once_without_cleanup(tmp_path):
    run = interrupted(tmp_path, KBD_OFF)
    assert run.stdout == "", run.text()
    assert run.returncode == 130, run.text()


def test_kbd_intr_3_turns_it_back_on(tmp_path):
    run = interrupted(tmp_path, KBD_BACK_ON)
    assert run.stdout == "caught\n", run.text()
    assert run.returncode == 0, run.text()
