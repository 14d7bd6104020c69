# asyncio.event: Event and ThreadSafeFlag (jitvm guest library).

import io

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
            # Joined without a guest call between the test and the append: a callback that
            # micropython.schedule runs at a call could set() the event in that gap unseen.
            t = core.cur_task
            t.ph_key = 0
            self.waiting._items.append(t)
            t.waiting_on = self.waiting
            await core._suspend()
        return True


class ThreadSafeFlag(io.IOBase):
    # Like Event, but set() may come from an interrupt handler, a scheduled callback or another
    # thread, and wait() clears the flag. set() only raises the flag: the loop notices it when
    # it next polls its streams (ioctl below), as for any stream a task waits on.

    def __init__(self):
        self.state = 0

    def ioctl(self, req, flags):
        if req == 3:  # MP_STREAM_POLL: readable while set
            return self.state * flags
        return -1

    def set(self):
        self.state = 1

    def clear(self):
        self.state = 0

    async def wait(self):
        if not self.state:
            core._io_queue.queue_read(self)
            await core._suspend()
        self.state = 0
