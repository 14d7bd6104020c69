# asyncio.core: exceptions, Task and its queue, sleeping, the event loop (jitvm guest library).
# Coroutines are generators driven with send/throw, as in MicroPython.
# Idle time is spent in time.sleep_ms, which on jitvm advances the virtual clock.

import select
import sys
from time import sleep_ms as _idle_ms
from time import sleep_us as _work_us
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

    def last(self):
        # The task due last (the queue is never empty when the loop asks).
        return self._items[-1]

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
_io_queue = None
_stop_task = None
# Board time a scheduling round costs while other tasks sleep until a later tick (see _charge).
_ROUND_US = 20


def _suspend():
    # Park the current task: whoever resumes it must have queued it (sleep, event, lock...).
    yield


async def _stopper():
    # The task Loop.stop() queues: it ends at its first step, which ends run_forever.
    pass


class IOQueue:
    # Tasks waiting for a stream to become readable (slot 0) or writable (slot 1).
    # Streams with their own ioctl (ThreadSafeFlag, user io.IOBase streams) are asked directly
    # with ioctl(3, events) (MP_STREAM_POLL); the rest (sockets, RingIO) go through select.poll.

    def __init__(self):
        self.poller = select.poll()
        self.map = {}  # id(stream) -> [reader task, writer task, stream]
        self.n_polled = 0  # streams registered with the poller

    def _enqueue(self, s, idx):
        entry = self.map.get(id(s))
        if entry is None:
            entry = [None, None, s]
            self.map[id(s)] = entry
            if not hasattr(s, "ioctl"):
                self.poller.register(s, select.POLLIN if idx == 0 else select.POLLOUT)
                self.n_polled += 1
        elif entry[idx] is not None:
            raise AssertionError  # one reader and one writer per stream, as MicroPython's
        elif not hasattr(s, "ioctl"):
            self.poller.modify(s, select.POLLIN | select.POLLOUT)
        entry[idx] = cur_task
        cur_task.waiting_on = self

    def queue_read(self, s):
        self._enqueue(s, 0)

    def queue_write(self, s):
        self._enqueue(s, 1)

    def _drop(self, entry):
        s = entry[2]
        del self.map[id(s)]
        if not hasattr(s, "ioctl"):
            self.poller.unregister(s)
            self.n_polled -= 1

    def remove(self, task):
        # Called by Task.cancel() through waiting_on.
        for entry in list(self.map.values()):
            if entry[0] is task or entry[1] is task:
                self._drop(entry)

    def _events(self, timeout):
        # id(stream) -> poll events, waiting at most timeout ms (-1: no limit) for the poller's.
        ready = {}
        if self.n_polled:
            for s, ev in self.poller.ipoll(timeout):
                ready[id(s)] = ev
        elif timeout > 0:
            _idle_ms(timeout)
        for entry in self.map.values():
            s = entry[2]
            if hasattr(s, "ioctl"):
                want = (select.POLLIN if entry[0] is not None else 0) | (
                    select.POLLOUT if entry[1] is not None else 0)
                ev = s.ioctl(3, want)
                if ev and ev != -1:
                    ready[id(s)] = ev
        return ready

    def wait_io_event(self, dt):
        # Wake the tasks whose streams are ready, waiting up to dt ms (-1: until one is).
        # Streams only asked by ioctl cannot end a wait, so then it is at most 1 ms (the loop
        # asks again).
        if len(self.map) > self.n_polled and not 0 <= dt <= 1:
            dt = 1
        ready = self._events(dt)
        for entry in list(self.map.values()):
            ev = ready.get(id(entry[2]), 0)
            if not ev:
                continue
            if ev & ~select.POLLOUT and entry[0] is not None:  # readable, or an error
                _wake(entry[0])
                entry[0] = None
            if ev & ~select.POLLIN and entry[1] is not None:  # writable, or an error
                _wake(entry[1])
                entry[1] = None
            if entry[0] is None and entry[1] is None:
                self._drop(entry)
            elif not hasattr(entry[2], "ioctl"):
                self.poller.modify(entry[2], select.POLLIN if entry[0] is not None else select.POLLOUT)


def _wake(t):
    t.waiting_on = None
    _task_queue.push(t)


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
            _wake(waiter)
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


def _charge(head):
    # On a virtual clock a task's work costs no time, and busy tasks only move it by reading
    # it; charge a round so tasks sleeping until a later tick become due on time.
    last = _task_queue.last()
    if last is not head and ticks_diff(last.ph_key, head.ph_key) > 0:
        _work_us(_ROUND_US)


def _next_task(main_task):
    # The next task to run, once due (streams polled meanwhile); None when the loop is over.
    while True:
        t = _task_queue.peek()
        if t is not None:
            dt = max(0, ticks_diff(t.ph_key, ticks()))
        elif _io_queue.map:
            dt = -1
        elif main_task is None or main_task.finished:
            return None
        else:
            # Nothing can wake a task, but the main one is not done: keep waiting (an interrupt
            # or a scheduled callback may still set an Event), as MicroPython does.
            dt = 3
        _io_queue.wait_io_event(dt)
        if dt == 0:
            _charge(t)
            return _task_queue.pop()


def run_until_complete(main_task=None):
    global cur_task
    while True:
        t = _next_task(main_task)
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
                    _wake(waiter)
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
        _stop_task = Task(_stopper(), globals())
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
    global _task_queue, _io_queue
    _task_queue = TaskQueue()
    _io_queue = IOQueue()
    return Loop


def run(coro):
    return run_until_complete(create_task(coro))


new_event_loop()
