# asyncio.core: exceptions, sleeping, the event loop and task creation (jitvm guest library).
# Idle time is spent in time.sleep_ms, which on jitvm advances the virtual clock.

import sys
from time import sleep_ms as _idle_ms, ticks_add, ticks_diff, ticks_ms as ticks

from . import task as _task_mod


class CancelledError(BaseException):
    pass


class TimeoutError(Exception):
    pass


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


def sleep_ms(t):
    _task_queue.push(cur_task, ticks_add(ticks(), max(0, t)))
    yield


def sleep(t):
    return sleep_ms(int(t * 1000))


def _promote_to_task(aw):
    return aw if isinstance(aw, _task_mod.Task) else create_task(aw)


def create_task(coro):
    if not hasattr(coro, "send"):
        raise TypeError("coroutine expected")
    t = _task_mod.Task(coro, globals())
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
    if not t.awaited and t.data is not None:
        _exc_context["exception"] = t.data
        _exc_context["future"] = t
        t.data = None
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
                raise er
            _finish(t, er)


class Loop:
    _exc_handler = None

    @staticmethod
    def create_task(coro):
        return create_task(coro)

    @staticmethod
    def run_forever():
        global _stop_task
        _stop_task = _task_mod.Task(_suspend(), globals())
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
    _task_queue = _task_mod.TaskQueue()
    _flag_waiters = 0
    return Loop


def run(coro):
    return run_until_complete(create_task(coro))


new_event_loop()
