# asyncio.event: Event and ThreadSafeFlag (jitvm guest library).

from . import core
from .core import TaskQueue


class Event:
    def __init__(self):
        self.state = False
        self.waiting = TaskQueue()

    def is_set(self):
        return self.state

    def set(self):
        # Wake every waiter, in the order they started waiting.
        waiting = self.waiting
        while waiting.peek():
            t = waiting.pop()
            t.waiting_on = None
            core._task_queue.push(t)
        self.state = True

    def clear(self):
        self.state = False

    async def wait(self):
        if not self.state:
            t = core.cur_task
            self.waiting.push(t)
            t.waiting_on = self.waiting
            await core._suspend()
        return True


class ThreadSafeFlag:
    # Like Event, but set() may come from an interrupt handler and wait() clears the flag.

    def __init__(self):
        self.state = 0
        self.waiting = TaskQueue()

    def set(self):
        self.state = 1
        waiting = self.waiting
        while waiting.peek():
            t = waiting.pop()
            t.waiting_on = None
            core._flag_waiters -= 1
            core._task_queue.push(t)

    def clear(self):
        self.state = 0

    def remove(self, task):
        # Called by Task.cancel() through waiting_on.
        if task in self.waiting:
            self.waiting.remove(task)
            core._flag_waiters -= 1

    async def wait(self):
        if not self.state:
            t = core.cur_task
            self.waiting.push(t)
            t.waiting_on = self
            core._flag_waiters += 1
            await core._suspend()
        self.state = 0
