"""Compiled loops and recursions stay interruptible: they hand the GIL over and take
asynchronous exceptions (what `jitvm run --timeout` and Ctrl-C deliver to the guest
thread) through the poll every few thousand back edges or direct calls.

Each scenario runs in a child process: code that never polls would hold the GIL forever
and hang the test process instead of failing it.
"""

from __future__ import annotations

import ctypes
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROGRAM = '''
def spin():
    i = 0
    while True:
        i += 1

def tree(n):
    if n == 0:
        return 0
    return tree(n - 1) + tree(n - 1)
'''


def run_and_interrupt(fn, args, exc, delay=0.3):
    """Run fn(*args) on a thread, raise ``exc`` in it after ``delay``; (outcome, seconds
    from the raise to the end, ticks a concurrent thread made while fn ran)."""
    out = {}
    ticks = [0]
    stop_ticking = threading.Event()

    def target():
        try:
            out["value"] = fn(*args)
        except BaseException as e:  # noqa: BLE001 - the asynchronous exception is the outcome
            out["error"] = e

    def ticker():
        while not stop_ticking.is_set():
            ticks[0] += 1
            time.sleep(0.001)

    t = threading.Thread(target=target, daemon=True)
    tk = threading.Thread(target=ticker, daemon=True)
    t.start()
    tk.start()
    time.sleep(delay)  # returns only if the compiled code lets the GIL go
    ticks_seen = ticks[0]
    t0 = time.perf_counter()
    n = ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(t.ident), ctypes.py_object(exc))
    assert n == 1
    t.join(5)
    stop_ticking.set()
    assert not t.is_alive(), "compiled code did not take the asynchronous exception"
    return out, time.perf_counter() - t0, ticks_seen


def scenario(kind: str) -> None:
    """Run in the child: interrupt a compiled infinite loop or endless recursion."""
    from jitvm.execute import VMAbort
    from jitvm.gexc import GUEST_EXC
    from tests.jit.helpers import Guest

    class Stop(VMAbort):
        pass

    g = Guest(Path(tempfile.mkdtemp()), PROGRAM, "poll")
    if kind == "recursion":
        fn, args, exc = g.compiled("tree", 3), (g.G, 60), Stop  # 2**60 calls
        assert fn(g.G, 10) == 0
    else:
        fn, args, exc = g.compiled("spin"), (g.G,), (Stop if kind == "abort" else KeyboardInterrupt)
    out, latency, ticks = run_and_interrupt(fn, args, exc)
    assert latency < 0.5, latency
    assert ticks > 10, ticks  # the other thread ran while the compiled code did
    e = out["error"]
    if exc is Stop:
        assert type(e) is Stop  # aborts pass through untouched (no guest traceback)
    else:
        assert type(e) is GUEST_EXC["KeyboardInterrupt"]
        assert [c.name for c, _pc in e._jitvm_tb] == ["spin"]
    print(f"ok latency={latency * 1e3:.2f}ms ticks={ticks}")


@pytest.mark.parametrize("kind", ["abort", "keyboard", "recursion"])
def test_compiled_code_takes_async_exceptions(kind):
    src = f"from tests.jit.test_poll import scenario; scenario({kind!r})"
    p = subprocess.run([sys.executable, "-c", src], cwd=ROOT, capture_output=True, text=True,
                       timeout=60, check=False)
    assert p.returncode == 0 and p.stdout.startswith("ok"), p.stdout + p.stderr


def test_jitvm_run_timeout_stops_an_infinite_loop(tmp_path):
    """End to end through `jitvm run --timeout` (tier 1 once the call slot installs
    compiled entries; the loop is in a function so that it can be compiled)."""
    prog = tmp_path / "main.py"
    prog.write_text(textwrap.dedent('''
        def spin(n):
            i = 0
            while i != n:
                i += 1
            return i
        for k in range(300):  # hot enough for tier 1 to compile spin (int argument)
            spin(10)
        spin(-1)
        '''))
    t0 = time.monotonic()
    cmd = [sys.executable, "-m", "jitvm", "run", "--tier", "1", "--timeout", "1", str(prog)]
    p = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=60, check=False)
    assert p.returncode == 124, p.stdout + p.stderr
    assert time.monotonic() - t0 < 20
