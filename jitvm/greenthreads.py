"""Guest threads (`_thread`) scheduled by the VM: one host thread per guest thread, one at a time.

Each guest thread runs on its own host thread (its own host stack, so guest frames, tracebacks
and the recursion limit stay per thread), but only the thread holding the baton runs: the others
wait on their own ``Event``.  The baton moves only at points the program's own execution decides,
never on host timing, so a run prints the same thing every time:

* preemption: once a second thread exists, a host trace function counts guest events (calls of
  translated guest functions, their lines - loop back edges among them - and tier 1's poll,
  which compiled code enters every few thousand back edges and calls); every ``QUANTUM`` events
  the running thread goes to the back of the ready queue.  With one thread there is no trace
  function at all: the interpreter's hot loops pay nothing.
* blocking: a lock acquire that would block, ``time.sleep`` (on the board clock: a sleeper
  wakes at its virtual time; when nobody is ready the clock jumps to the earliest sleeper), and a
  thread's end hand the baton to the next runnable thread.
* every thread waiting for a lock, nobody sleeping: a deadlock, raised in the main thread as
  ``RuntimeError`` (MicroPython would hang).

As on MicroPython's unix port, the program ends when the main thread ends: threads still
running are not waited for (their host threads stay parked and are daemons).
"""

from __future__ import annotations

import heapq
import itertools
import sys
import threading
from collections import deque

from .execute import TRANSLATED, VMAbort

QUANTUM = 400  # guest events (calls, lines) a thread runs before the next ready thread's turn
QUANTUM_NS = 100_000  # board time a quantum costs: a busy thread lets sleepers' time come
_WAIT_SLICE = 0.05  # host seconds between checks for asynchronous exceptions (timeout, Ctrl-C)


class GuestThread:
    """One guest thread's scheduling state."""

    __slots__ = ("go", "granted", "ident", "pending", "state", "waiting_for", "wake")

    def __init__(self, ident: int) -> None:
        self.ident = ident
        self.go = threading.Event()
        self.state = "ready"  # running, ready, sleeping, blocked, done
        self.wake: int | None = None  # virtual ns at which a sleep or a lock timeout ends
        self.waiting_for = None  # the lock it is blocked on
        self.granted = False  # a release handed it the lock
        self.pending: BaseException | None = None  # raised in it when it next runs


class Scheduler:
    """The run's guest threads. ``clock`` is the board clock; ``board_sleep(ns)`` moves it
    (running the board's timers and IRQs)."""

    def __init__(self, clock, board_sleep) -> None:
        self.clock = clock
        self.board_sleep = board_sleep
        self.main = GuestThread(1)
        self.main.state = "running"
        self.current = self.main
        self.ready: deque[GuestThread] = deque()
        self.sleepers: list = []  # heap of (wake, seq, thread)
        self.seq = itertools.count()
        self.idents = itertools.count(2)
        self.budget = QUANTUM
        self.on_line = self._on_line  # one bound method, not one per event
        self.loops: dict = {}  # host code of a translation -> whether the guest code loops
        self.pending_hook = None  # micropython.schedule's check, while callbacks wait (vmmods)
        self.tracing = False
        self.irq_off = 0  # machine.disable_irq() nesting: no preemption meanwhile
        self.busy = 0  # > 0 while a switch runs board timers: no switching inside it
        self.over = False  # the run ended under a thread (timeout, Ctrl-C): nobody runs again
        self.host_threads: list[threading.Thread] = []
        self.alive = 0  # guest threads started and not yet ended (the main one not counted)

    # ---- time ---------------------------------------------------------------------------
    def now(self) -> int:
        read = getattr(self.clock, "now", None)  # virtual clocks: without the read cost
        return read() if read is not None else self.clock.monotonic_ns()

    # ---- starting and ending threads -------------------------------------------------------
    def start(self, fun, args: tuple, kwargs: dict, report, stack: int) -> int:
        """A new guest thread running ``fun(*args, **kwargs)``; it starts at the next switch."""
        if not self.tracing:
            self._trace_current_thread()
        t = GuestThread(next(self.idents))
        host = threading.Thread(target=self._body, args=(t, fun, args, kwargs, report),
                                name=f"jitvm-guest-{t.ident}", daemon=True)
        old = threading.stack_size()
        try:
            threading.stack_size(stack)
            host.start()
        except (RuntimeError, ValueError, MemoryError):  # the heap budget has no room left
            raise OSError(11, "can't create thread") from None
        finally:
            threading.stack_size(old)
        self.host_threads.append(host)
        self.alive += 1
        self.ready.append(t)
        return t.ident

    def _body(self, t: GuestThread, fun, args, kwargs, report) -> None:
        self._park(t)
        try:
            sys.settrace(self._on_call)
            try:
                fun(*args, **kwargs)
            except VMAbort:
                raise
            except BaseException as e:  # noqa: BLE001 - the guest's uncaught exception
                report(fun, e)
            finally:
                sys.settrace(None)
                self.alive -= 1
            t.state = "done"
            self._hand_over(t, self._pick_or_deadlock())  # may run board timers: the WDT...
        except BaseException as e:  # noqa: BLE001 - a reset, the watchdog: the run ends
            self._abort_main(e)

    def _abort_main(self, e: BaseException) -> None:
        self.current.state = "done"
        self._interrupt_main(e)

    def _interrupt_main(self, e: BaseException) -> None:
        """Resume the main thread (wherever it waits) raising ``e``."""
        main = self.main
        if main in self.ready:
            self.ready.remove(main)
        if main.waiting_for is not None:
            main.waiting_for._waiters.remove(main)
            main.waiting_for = None
        main.wake = None
        main.pending = e
        self._hand_over(self.current, main, park=False)

    # ---- the baton ---------------------------------------------------------------------
    def _park(self, me: GuestThread) -> None:
        """Wait for the baton; then raise what was left for this thread."""
        try:
            while not me.go.wait(_WAIT_SLICE) or self.over:
                if self.over:  # parked for good: the run is over (no polling from here on)
                    threading.Event().wait()
        except BaseException:  # an asynchronous exception (--timeout, Ctrl-C) ends the run
            self.over = True
            raise
        me.go.clear()
        if me.pending is not None:
            e, me.pending = me.pending, None
            raise e

    def _hand_over(self, me: GuestThread, nxt: GuestThread | None, park: bool = True) -> None:
        if nxt is me:
            me.state = "running"
            return
        if nxt is not None:
            self.current = nxt
            nxt.state = "running"
            nxt.go.set()
        if park and me.state != "done":
            self._park(me)

    def _pick(self) -> GuestThread | None:
        """The next thread to run: a ready one, else the earliest sleeper (the clock jumps to
        its time); None if every thread waits for a lock."""
        self._wake_due(self.now())
        while self.ready:
            t = self.ready.popleft()
            if not self.over or t is self.main:  # once over, only the main thread runs on
                return t
        while self.sleepers:
            wake, _, t = heapq.heappop(self.sleepers)
            if t.wake != wake or (self.over and t is not self.main):
                continue  # woken otherwise (its lock was released) since, or parked for good
            now = self.now()
            if wake > now:
                self._board_sleep(wake - now)
            self._wake(t)
            return t
        return None

    def _board_sleep(self, ns: int) -> None:
        """Move the board clock; timers and IRQ handlers that fall due run here, in the
        picking thread, and switch to no one (they would corrupt the pick in progress)."""
        self.busy += 1
        try:
            self.board_sleep(ns)
        finally:
            self.busy -= 1

    def _pick_or_deadlock(self) -> GuestThread | None:
        nxt = self._pick()
        if nxt is None and self.current is not self.main and self.main.state != "done":
            self._interrupt_main(deadlock())
            return None
        return nxt

    def _wake_due(self, now: int) -> None:
        while self.sleepers and self.sleepers[0][0] <= now:
            wake, _, t = heapq.heappop(self.sleepers)
            if t.wake == wake:
                self._wake(t)
                self.ready.append(t)

    def _wake(self, t: GuestThread) -> None:
        t.wake = None
        if t.waiting_for is not None:  # a lock's timeout ran out
            t.waiting_for._waiters.remove(t)
            t.waiting_for = None
        t.state = "ready"

    # ---- switch points -----------------------------------------------------------------
    def sleep(self, ns: int) -> None:
        if self.busy:  # a timer callback sleeping inside a switch: the board clock alone
            self.board_sleep(max(0, ns))
            return
        me = self.current
        if ns <= 0:
            self.ready.append(me)
            me.state = "ready"
        else:
            me.wake = self.now() + ns
            me.state = "sleeping"
            heapq.heappush(self.sleepers, (me.wake, next(self.seq), me))
        self._hand_over(me, self._pick())

    def block(self, lock, timeout_ns: int | None) -> bool:
        """Wait until ``lock`` is handed to the running thread (True) or the timeout ends."""
        if self.busy:  # a timer callback waiting inside a switch cannot let a thread run
            raise deadlock()
        me = self.current
        me.granted = False
        me.waiting_for = lock
        lock._waiters.append(me)
        me.state = "blocked"
        if timeout_ns is not None:
            me.wake = self.now() + timeout_ns
            heapq.heappush(self.sleepers, (me.wake, next(self.seq), me))
        nxt = self._pick()
        if nxt is None:
            lock._waiters.remove(me)
            me.waiting_for = None
            me.state = "running"
            if me is self.main:
                raise deadlock()
            self._interrupt_main(deadlock())
            self._park(me)  # never resumed: the run ends in the main thread
        self._hand_over(me, nxt)
        return me.granted

    def grant(self, t: GuestThread) -> None:
        """A release hands the lock to ``t``, which becomes ready."""
        t.waiting_for = None
        t.wake = None
        t.granted = True
        t.state = "ready"
        self.ready.append(t)

    def preempt(self) -> None:
        self.budget = QUANTUM
        if self.irq_off or self.busy:
            return
        advance = getattr(self.clock, "advance_ns", None)  # a real clock moves by itself
        if advance is not None:
            advance(QUANTUM_NS)
        self._wake_due(self.now())
        if not self.ready:
            return
        me = self.current
        me.state = "ready"
        self.ready.append(me)
        self._hand_over(me, self.ready.popleft())

    # ---- counting guest events (only while a second thread exists) ---------------------
    def _trace_current_thread(self) -> None:
        self.tracing = True
        prev = sys.gettrace()
        if prev is not None:  # micropython.schedule's check was armed: it becomes our hook
            self.pending_hook = prev
        f = sys._getframe()
        while f is not None:  # frames already running get line events too (their loops)
            if f.f_code in TRANSLATED:
                f.f_trace = self.on_line
            f = f.f_back
        sys.settrace(self._on_call)

    def _on_call(self, frame, event, arg):
        if self.pending_hook is not None:
            self.pending_hook(frame, event, arg)
        code = frame.f_code
        guest = TRANSLATED.get(code)
        if guest is not None:
            self.budget -= 1
            if self.budget <= 0:
                self.preempt()
            loops = self.loops.get(code)
            if loops is None:
                loops = self.loops[code] = _has_loop(guest)
            return self.on_line if loops else None  # a loop-free body: its call was the event
        if code.co_name == "poll" and code is _poll_code():
            self.budget -= 1
            if self.budget <= 0:
                self.preempt()
        return None

    def _on_line(self, frame, event, arg):
        # every line event of a guest frame (its loops' back edges among them); kept small:
        # it runs for each line of translated code while a second thread exists
        if self.pending_hook is not None:
            self.pending_hook(frame, event, arg)
        self.budget -= 1
        if self.budget <= 0:
            self.preempt()
        return self.on_line

    def close(self) -> None:
        """The run is over: stop counting in this host thread."""
        if self.tracing and sys.gettrace() == self._on_call:
            sys.settrace(None)


def tracing_scheduler() -> Scheduler | None:
    """The scheduler whose trace function this host thread runs, if any."""
    owner = getattr(sys.gettrace(), "__self__", None)
    return owner if isinstance(owner, Scheduler) else None


def _has_loop(guest) -> bool:
    try:
        return bool(guest.has_loop())
    except Exception:  # noqa: BLE001 - unknown: trace its lines to be safe
        return True


def _poll_code():
    mod = sys.modules.get("jitvm.jit.deopt")
    return mod.poll.__code__ if mod is not None else None


def deadlock() -> BaseException:
    from .gexc import GUEST_EXC

    return GUEST_EXC["RuntimeError"]("deadlock: every thread is waiting for a lock")
