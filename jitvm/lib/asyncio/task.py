# asyncio.task: the Task object and the time-ordered queue of tasks (jitvm guest library).
# Runs under MicroPython's language subset: coroutines are generators driven with send/throw.

from time import ticks_ms as ticks, ticks_diff

from . import core


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
    #         exception the coroutine ended with (None once reported to the exception handler).
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
            if self.data is None:
                # Its exception already went to the loop's exception handler.
                raise RuntimeError("can't wait")
            # StopIteration(value) ends the caller's `await` with value; an error propagates.
            raise self.data
        waiter = core.cur_task
        self.waiters.append(waiter)
        waiter.waiting_on = self
        return None

    def cancel(self):
        if self.finished:
            return False
        if self is core.cur_task:
            raise RuntimeError("can't cancel self")
        # A task blocked on another task passes the cancellation down to it.
        t = self
        while isinstance(t.waiting_on, Task):
            t = t.waiting_on
        queue = t.waiting_on
        run_queue = core._task_queue
        if queue is not None:
            queue.remove(t)
            t.waiting_on = None
            run_queue.push(t)
        elif ticks_diff(t.ph_key, ticks()) > 0 and t in run_queue:
            # Sleeping: bring it forward so the cancellation is delivered now.
            run_queue.remove(t)
            run_queue.push(t)
        t.data = core.CancelledError
        return True
