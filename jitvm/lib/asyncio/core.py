# asyncio.core: exceptions, Task and its queue, sleeping, the event loop (jitvm guest library).
# Coroutines are generators driven with send/throw, as in MicroPython.
# Idle time is spent in time.sleep_ms, which on jitvm advances the virtual clock.

import sys
from time import sleep_ms as _idle_ms
from time import ticks_add, ticks_diff
from time import ticks_ms as ticks


class CancelledError(BaseException):
    pass


class TimeoutError(Exception):
    pass


class TaskQueue:
    # Tasks ordered by due time (ticks); equal times keep insertion order (FIFO).

    def __init__(self):
        self._items = []

    def peek(self):
        items = self._items
        return items[0] if items else None

    def push(self, task, key=None):
        if key is None:
            key = ticks()
        task.ph_key = key
        items = self._items
        i = len(items)
        # Tasks are usually pushed "now", so scan from the end.
        while i > 0 and ticks_diff(items[i - 1].ph_key, key) > 0:
            i -= 1
        items.insert(i, task)

    def pop(self):
        return self._items.pop(0)

    def remove(self, task):
        items = self._items
        for i in range(len(items)):
            if items[i] is task:
                del items[i]
                return

    def __contains__(self, task):
        for t in self._items:
            if t is task:
                return True
        return False


class _Detached:
    # A "queue" for tasks parked outside any queue (gather); removing from it is a no-op.

    def remove(self, task):
        pass


DETACHED = _Detached()


class Task:
    # A coroutine scheduled on the loop.
    #   data: exception to throw in at the next resume; once done, StopIteration(value) or the
    #         exception the coroutine ended with.
    #   waiting_on: the Task or queue this task is blocked on (cancel() follows it).

    def __init__(self, coro, globals=None):
        self.coro = coro
        self.data = None
        self.ph_key = 0
        self.waiting_on = None
        self.finished = False
        self.awaited = False
        self.waiters = []
        self.on_done = None

    def __repr__(self):
        return "<Task>"

    def done(self):
        return self.finished

    def __iter__(self):
        if self.finished:
            self.awaited = True
        elif self.on_done is not None:
            # Already watched by gather: a second kind of waiting is not supported.
            raise RuntimeError("can't wait")
        return self

    def __next__(self):
        if self.finished:
            self.awaited = True
            # StopIteration(value) ends the caller's `await` with value; an error propagates.
            raise self.data
        waiter = cur_task
        self.waiters.append(waiter)
        waiter.waiting_on = self

    def cancel(self):
        if self.finished:
            return False
        if self is cur_task:
            raise RuntimeError("can't cancel self")
        # A task blocked on another task passes the cancellation down to it.
        t = self
        while isinstance(t.waiting_on, Task):
            t = t.waiting_on
        queue = t.waiting_on
        run_queue = _task_queue
        if queue is not None:
            queue.remove(t)
            t.waiting_on = None
            run_queue.push(t)
        elif ticks_diff(t.ph_key, ticks()) > 0 and t in run_queue:
            # Sleeping: bring it forward so the cancellation is delivered now.
            run_queue.remove(t)
            run_queue.push(t)
        t.data = CancelledError
        return True


# Context passed to the exception handler for an exception nobody awaited.
_exc_context = {"message": "Task exception wasn't retrieved", "exception": None, "future": None}

cur_task = None
_task_queue = None
_stop_task = None
# Tasks blocked on a ThreadSafeFlag keep the loop alive (it polls for an interrupt to set it).
_flag_waiters = 0


def _suspend():
    # Park the current task: whoever resumes it must have queued it (sleep, event, lock...).
    yield


class SingletonGenerator:
    # What sleep_ms returns: an iterator (not a coroutine) that queues the current task at its
    # due time, yields once, then finishes.

    def __init__(self, due):
        self.due = due

    def __iter__(self):
        return self

    def __next__(self):
        if self.due is not None:
            _task_queue.push(cur_task, self.due)
            self.due = None
            return
        raise StopIteration


def sleep_ms(t):
    return SingletonGenerator(ticks_add(ticks(), max(0, t)))


def sleep(t):
    return sleep_ms(int(t * 1000))


def _promote_to_task(aw):
    return aw if isinstance(aw, Task) else create_task(aw)


def create_task(coro):
    if not hasattr(coro, "send"):
        raise TypeError("coroutine expected")
    t = Task(coro, globals())
    _task_queue.push(t)
    return t


def _finish(t, result):
    # The coroutine of t ended with result (StopIteration or an exception).
    t.finished = True
    t.data = result
    woken = False
    if t.on_done is not None:
        callback = t.on_done
        t.on_done = None
        callback(t, result)
        woken = True
    elif t.waiters:
        for waiter in t.waiters:
            _task_queue.push(waiter)
        t.waiters = []
        t.awaited = True
        woken = True
    if not woken and not isinstance(result, (CancelledError, StopIteration)):
        # Give the program one more round to await it before reporting the error.
        _task_queue.push(t)


def _report_if_unawaited(t):
    if not t.awaited:
        t.awaited = True
        _exc_context["exception"] = t.data
        _exc_context["future"] = t
        Loop.call_exception_handler(_exc_context)


def _wait_for_due_task():
    # Return the next runnable task, idling until it is due; None when nothing is left.
    while True:
        t = _task_queue.peek()
        if t is None:
            if _flag_waiters:
                _idle_ms(1)
                continue
            return None
        dt = ticks_diff(t.ph_key, ticks())
        if dt <= 0:
            return _task_queue.pop()
        _idle_ms(dt)


def run_until_complete(main_task=None):
    global cur_task
    while True:
        t = _wait_for_due_task()
        if t is None:
            cur_task = None
            return None
        if t.finished:
            _report_if_unawaited(t)
            continue
        cur_task = t
        t.waiting_on = None
        try:
            exc = t.data
            if exc is None:
                t.coro.send(None)
            else:
                t.data = None
                t.coro.throw(exc)
        except (CancelledError, Exception) as er:
            if t is main_task:
                t.finished = True
                t.data = er
                for waiter in t.waiters:
                    _task_queue.push(waiter)
                t.waiters = []
                cur_task = None
                if isinstance(er, StopIteration):
                    return er.value
                raise er  # noqa: TRY201 - explicit: simpler for the guest VM
            _finish(t, er)


class Loop:
    _exc_handler = None

    @staticmethod
    def create_task(coro):
        return create_task(coro)

    @staticmethod
    def run_forever():
        global _stop_task
        _stop_task = Task(_suspend(), globals())
        run_until_complete(_stop_task)

    @staticmethod
    def run_until_complete(aw):
        return run_until_complete(_promote_to_task(aw))

    @staticmethod
    def stop():
        global _stop_task
        if _stop_task is not None:
            _task_queue.push(_stop_task)
            _stop_task = None

    @staticmethod
    def close():
        pass

    @staticmethod
    def set_exception_handler(handler):
        Loop._exc_handler = handler

    @staticmethod
    def get_exception_handler():
        return Loop._exc_handler

    @staticmethod
    def default_exception_handler(loop, context):
        print(context["message"], file=sys.stderr)
        print("future:", context["future"], "coro=", context["future"].coro, file=sys.stderr)
        exc = context["exception"]
        if hasattr(sys, "print_exception"):
            sys.print_exception(exc, sys.stderr)
        else:
            print(repr(exc), file=sys.stderr)

    @staticmethod
    def call_exception_handler(context):
        (Loop._exc_handler or Loop.default_exception_handler)(Loop, context)


def get_event_loop(runq_len=0, waitq_len=0):
    return Loop


def current_task():
    if cur_task is None:
        raise RuntimeError("no running event loop")
    return cur_task


def new_event_loop():
    global _task_queue, _flag_waiters
    _task_queue = TaskQueue()
    _flag_waiters = 0
    return Loop


def run(coro):
    return run_until_complete(create_task(coro))


new_event_loop()
