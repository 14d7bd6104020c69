"""Guest module `_thread` (MicroPython): threads the VM schedules itself (jitvm.greenthreads).

Threads switch at calls and loop back edges, at a lock that would block, at ``time.sleep`` (on
the board clock) and when one ends: the same program prints the same thing on every run.
"""

from __future__ import annotations

import sys
from typing import Any

from jitvm.modules import _hw

__all__ = ["LockType", "allocate_lock", "exit", "get_ident", "stack_size", "start_new_thread"]

class lock:
    """A lock from allocate_lock(): acquire(waitflag=1, timeout=-1), release(), locked()."""

    __slots__ = ("_locked", "_waiters")

    def __init__(self) -> None:
        self._locked = False
        self._waiters: list = []  # guest threads blocked on it, first come first served

    def acquire(self, waitflag: Any = 1, timeout: Any = -1) -> bool:
        if not self._locked:
            self._locked = True
            return True
        if not _int(waitflag):
            return False
        if not isinstance(timeout, (int, float)) or isinstance(timeout, bool):
            raise TypeError(f"can't convert {type(timeout).__name__} to float")
        # MicroPython ignores the timeout (a TODO in py/modthread.c); jitvm honours it, as
        # CPython does, on the board clock.
        wait = None if timeout < 0 else round(timeout * 1_000_000_000)
        return _hw.threads().block(self, wait)

    def release(self) -> None:
        if not self._locked:
            raise RuntimeError()
        if self._waiters:
            _hw.threads().grant(self._waiters.pop(0))  # stays locked: handed to the waiter
        else:
            self._locked = False

    def locked(self) -> bool:
        return self._locked

    def __enter__(self) -> bool:
        return self.acquire()

    def __exit__(self, *exc: Any) -> None:
        self.release()


LockType = lock


def _int(x: Any) -> int:
    if isinstance(x, (bool, int)):
        return int(x)
    raise TypeError(f"can't convert {type(x).__name__} to int")


def allocate_lock() -> lock:
    return lock()


def get_ident() -> int:
    sched = _hw.threads(create=False)
    return 1 if sched is None else sched.current.ident


def stack_size(size: Any = None) -> int:
    """The stack size for new threads (0: the default); with no argument, back to 0."""
    store = _hw.singletons()  # per run, as the board boots with 0
    old = store.get("thread_stack_size", 0)
    store["thread_stack_size"] = 0 if size is None else _int(size)
    return old


def exit() -> None:
    raise SystemExit


def start_new_thread(function: Any, args: Any, kwargs: Any = None) -> int:
    if not isinstance(args, (tuple, list)):
        raise TypeError(f"object '{_hw.type_name(args)}' isn't a tuple or list")
    if kwargs is not None and type(kwargs) is not dict:
        raise TypeError("expecting a dict for keyword args")
    if not callable(function):
        raise TypeError(f"'{_hw.type_name(function)}' object isn't callable")
    sched = _hw.threads()
    if sched.alive and _hw.board_mcu().startswith("rp2"):  # a thread is the second core
        raise OSError("core1 in use")
    return sched.start(function, tuple(args), dict(kwargs or {}), _report, _host_stack())


def _host_stack() -> int:
    """A thread's host stack: room for the run's guest recursion limit twice over (at least
    32 MiB); the main thread's is far larger, for host C code recursing on nested data."""
    from jitvm.execute import HOST_FRAMES_PER_CALL
    from jitvm.limits import STACK_PER_GUEST_LEVEL

    levels = sys.getrecursionlimit() // HOST_FRAMES_PER_CALL
    return max(32 << 20, 2 * levels * STACK_PER_GUEST_LEVEL)


def _report(function: Any, e: BaseException) -> None:
    """What MicroPython prints for an exception a thread does not catch (on the console, as a
    board does; the unix port uses stderr, which run-tests.py reads with stdout); a
    SystemExit (``_thread.exit()``) ends the thread silently."""
    from jitvm.execute import format_traceback
    from jitvm.gexc import GUEST_EXC, guestify

    e = guestify(e)
    if isinstance(e, GUEST_EXC["SystemExit"]):
        return
    try:
        text = format_traceback(e)
        head = repr(function)
    except Exception:  # noqa: BLE001 - a guest __repr__ failing while printing
        text, head = f"{type(e).__name__}\n", "<function>"
    from jitvm.modules import _hw

    _hw.console_write(f"Unhandled exception in thread started by {head}\n{text}")
