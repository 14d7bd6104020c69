"""_thread: guest threads the VM schedules itself, deterministic under the virtual clock."""

from __future__ import annotations

import pytest

from tests.interp.helpers import jitvm_run

SLEEPERS = """
import _thread, time
lock = _thread.allocate_lock()
log = []
def worker(name, delay, n):
    for i in range(n):
        time.sleep_ms(delay)
        with lock:
            log.append((name, i, time.ticks_ms() // 10 * 10))
_thread.start_new_thread(worker, ("a", 30, 3))
_thread.start_new_thread(worker, ("b", 50, 2), {})
time.sleep_ms(200)
print(log)
"""

# Worker a wakes at 30, 60, 90 ms, b at 50, 100 ms of board time (to 10 ms).
SLEEPERS_OUT = ("[('a', 0, 30), ('b', 0, 50), ('a', 1, 60), ('a', 2, 90), ('b', 1, 100)]\n")

BUSY = """
import _thread
lock = _thread.allocate_lock()
count = 0
done = 0
order = []
def work(name):
    global count, done
    for i in range(300):
        lock.acquire()
        count += 1
        lock.release()
        if i % 100 == 0:
            order.append(name)
    with lock:
        done += 1
for n in ("x", "y", "z"):
    _thread.start_new_thread(work, (n,))
while done < 3:
    pass
print(count, sorted(order), order)
"""


@pytest.mark.parametrize("tier", [[], ["--tier", "1", "--jit-threshold", "0"]])
def test_sleeping_threads_wake_in_board_time_order(tmp_path, tier):
    r = jitvm_run(tmp_path, SLEEPERS, *tier)
    assert (r.stdout, r.stderr, r.returncode) == (SLEEPERS_OUT, "", 0)


@pytest.mark.parametrize("tier", [[], ["--tier", "1", "--jit-threshold", "0"]])
def test_busy_threads_are_preempted_and_runs_repeat_exactly(tmp_path, tier):
    first = jitvm_run(tmp_path, BUSY, *tier)
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("900 ['x', 'x', 'x', 'y', 'y', 'y', 'z', 'z', 'z'] ")
    assert jitvm_run(tmp_path, BUSY, *tier).stdout == first.stdout


def test_lock_api_and_errors_as_micropython(tmp_path):
    r = jitvm_run(tmp_path, """
        import _thread
        l = _thread.allocate_lock()
        print(type(l) is _thread.LockType, l.locked(), l.acquire(), l.locked(), l.acquire(0))
        print(l.acquire(False), l.acquire(1, 0.5))
        l.release()
        try:
            l.release()
        except RuntimeError as e:
            print(repr(e))
        with l:
            print(l.locked())
        print(l.locked(), _thread.get_ident(), _thread.stack_size(), _thread.stack_size(4096),
              _thread.stack_size(), _thread.stack_size())
        for args in ((print, 1), (print, [1], [])):
            try:
                _thread.start_new_thread(*args)
            except TypeError as e:
                print(repr(e))
    """)
    assert r.stdout == ("True False True True False\nFalse False\nRuntimeError()\nTrue\n"
                        "False 1 0 0 4096 0\n"
                        "TypeError(\"object 'int' isn't a tuple or list\",)\n"
                        "TypeError('expecting a dict for keyword args',)\n"), r.stderr


def test_uncaught_exception_in_thread_is_printed_and_the_run_goes_on(tmp_path):
    r = jitvm_run(tmp_path, """
        import _thread, time
        def boom(x):
            raise ValueError(x)
        def leave():
            _thread.exit()
        _thread.start_new_thread(boom, (7,))
        _thread.start_new_thread(leave, ())
        time.sleep(0.1)
        print("main goes on", _thread.get_ident())
    """)
    assert r.returncode == 0
    # the report goes to the board's console, before what main prints after it
    head, tb = r.stdout.split("\n", 1)
    assert head.startswith("Unhandled exception in thread started by <function boom at 0x")
    assert tb == ('Traceback (most recent call last):\n  File "main.py", line 4, in boom\n'
                  "ValueError: 7\nmain goes on 1\n")


def test_main_thread_ending_ends_the_program(tmp_path):
    r = jitvm_run(tmp_path, """
        import _thread, time
        def forever():
            while True:
                time.sleep_ms(10)
        _thread.start_new_thread(forever, ())
        time.sleep_ms(25)
        print("main end")
    """, "--timeout", "20")
    assert (r.stdout, r.returncode) == ("main end\n", 0)


def test_deadlock_is_a_clear_error(tmp_path):
    r = jitvm_run(tmp_path, """
        import _thread, time
        a = _thread.allocate_lock()
        b = _thread.allocate_lock()
        def other():
            b.acquire()
            time.sleep_ms(10)
            a.acquire()
        a.acquire()
        _thread.start_new_thread(other, ())
        time.sleep_ms(5)
        b.acquire()
        print("unreachable")
    """, "--timeout", "20")
    assert r.returncode == 1
    assert r.stdout.endswith("RuntimeError: deadlock: every thread is waiting for a lock\n")
    assert "line 12, in <module>" in r.stdout


def test_lone_thread_blocking_on_its_own_lock_is_a_deadlock(tmp_path):
    r = jitvm_run(tmp_path, """
        import _thread
        l = _thread.allocate_lock()
        l.acquire()
        l.acquire()
    """, "--timeout", "20")
    assert r.returncode == 1 and "deadlock" in r.stdout


def test_pico_has_one_second_core(tmp_path):
    src = """
        import _thread, time
        def core1(n):
            time.sleep_ms(10 * n)
            print("core1", n)
        _thread.start_new_thread(core1, (3,))
        try:
            _thread.start_new_thread(core1, (1,))
        except OSError as e:
            print(repr(e))
        time.sleep_ms(50)
        _thread.start_new_thread(core1, (1,))
        time.sleep_ms(50)
    """
    r = jitvm_run(tmp_path, src, "--layout", "raspberry_pi_pico")
    assert r.stdout == "OSError('core1 in use',)\ncore1 3\ncore1 1\n", r.stderr
    r = jitvm_run(tmp_path, src)  # the unix port: any number of threads
    assert r.stdout == "core1 1\ncore1 3\ncore1 1\n", r.stderr


def test_reset_or_starved_watchdog_in_a_thread_ends_the_run(tmp_path):
    r = jitvm_run(tmp_path, """
        import _thread, time, machine
        def t():
            time.sleep_ms(20)
            print("thread resets")
            machine.reset()
        _thread.start_new_thread(t, ())
        while True:
            time.sleep_ms(5)
    """, "--timeout", "20")
    assert (r.stdout, r.returncode) == ("thread resets\n", 0)
    assert r.stderr == "jitvm: the program reset the board (hard): run ended\n"
    r = jitvm_run(tmp_path, """
        import _thread, time, machine
        w = machine.WDT(timeout=50)
        def feeder():
            for i in range(3):
                time.sleep_ms(30)
                w.feed()
                print("fed", i)
        _thread.start_new_thread(feeder, ())
        l = _thread.allocate_lock()
        l.acquire()
        l.acquire(1, 0.5)
    """, "--timeout", "20")
    assert (r.stdout, r.returncode) == ("fed 0\nfed 1\nfed 2\n", 1)
    assert r.stderr == "jitvm: the watchdog reset the board (not fed within 50 ms): run ended\n"


def test_time_limit_ends_busy_threads(tmp_path):
    r = jitvm_run(tmp_path, """
        import _thread
        def spin():
            while True:
                pass
        _thread.start_new_thread(spin, ())
        while True:
            pass
    """, "--timeout", "1")
    assert r.returncode == 124 and "ran longer than 1s" in r.stderr
    assert "Traceback" not in r.stderr


def test_zero_sleep_gives_the_other_threads_a_turn(tmp_path):
    r = jitvm_run(tmp_path, """
        import _thread, time
        out = []
        def t(name):
            for i in range(3):
                out.append(name + str(i))
                time.sleep_ms(0)
        _thread.start_new_thread(t, ("a",))
        _thread.start_new_thread(t, ("b",))
        for i in range(4):
            time.sleep_ms(0)
        print(out)
    """)
    assert r.stdout == "['a0', 'b0', 'a1', 'b1', 'a2', 'b2']\n", r.stderr


def test_atexit_runs_alone_after_the_main_thread_ends(tmp_path):
    r = jitvm_run(tmp_path, """
        import _thread, time, sys
        l = _thread.allocate_lock()
        def ticker():
            while True:
                time.sleep_ms(1)
        def waiter():
            l.acquire()
            print("never")
        l.acquire()
        _thread.start_new_thread(ticker, ())
        _thread.start_new_thread(waiter, ())
        time.sleep_ms(5)
        def bye():
            time.sleep_ms(10)
            l.release()
            time.sleep_ms(10)
            print("atexit done")
        sys.atexit(bye)
        print("main end")
    """, "--timeout", "20")
    assert (r.stdout, r.returncode) == ("main end\natexit done\n", 0), r.stderr


def test_micropython_schedule_runs_callbacks_while_threads_run(tmp_path):
    r = jitvm_run(tmp_path, """
        import _thread, time, micropython
        n = 0
        running = True
        def task(x):
            global n
            n += 1
        def producer():
            while running:
                try:
                    micropython.schedule(task, None)
                except RuntimeError:
                    time.sleep_ms(1)
        micropython.schedule(task, None)  # armed before the first thread exists
        for i in range(3):
            _thread.start_new_thread(producer, ())
        while n < 500:
            time.sleep(0)
        running = False
        time.sleep_ms(5)
        print(n >= 500)
    """, "--timeout", "30")
    assert (r.stdout, r.returncode) == ("True\n", 0), r.stderr


def test_timer_callbacks_run_while_threads_sleep(tmp_path):
    r = jitvm_run(tmp_path, """
        import _thread, time, machine
        hits = []
        def cb(t):
            hits.append(time.ticks_ms())
            x = 0
            for i in range(2000):  # a loop in a callback run during a switch: no switch in it
                x += i
        tm = machine.Timer(-1)
        tm.init(period=7, mode=machine.Timer.PERIODIC, callback=cb)
        def worker(n):
            for i in range(5):
                time.sleep_ms(10)
        _thread.start_new_thread(worker, (1,))
        _thread.start_new_thread(worker, (2,))
        time.sleep_ms(60)
        tm.deinit()
        print(len(hits), hits)
    """, "--timeout", "20")
    assert (r.stdout, r.returncode) == ("8 [7, 14, 21, 28, 35, 42, 49, 56]\n", 0), r.stderr
