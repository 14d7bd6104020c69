# asyncio.lock: Lock, handed directly to the next waiter on release (jitvm guest library).

from . import core
from .core import TaskQueue


class Lock:
    def __init__(self):
        # 0 unlocked, 1 locked, or the Task the lock was handed to but that has not resumed yet.
        self.state = 0
        self.waiting = TaskQueue()

    def locked(self):
        return self.state == 1

    def release(self):
        if self.state != 1:
            raise RuntimeError("Lock not acquired")
        if self.waiting.peek():
            t = self.waiting.pop()
            t.waiting_on = None
            self.state = t
            core._task_queue.push(t)
        else:
            self.state = 0

    async def acquire(self):
        if self.state != 0:
            t = core.cur_task
            self.waiting.push(t)
            t.waiting_on = self.waiting
            try:
                await core._suspend()
            except core.CancelledError as er:
                if self.state is t:
                    # Cancelled after being handed the lock: pass it on.
                    self.state = 1
                    self.release()
                raise er  # noqa: TRY201 - explicit: simpler for the guest VM
        self.state = 1
        return True

    async def __aenter__(self):
        return await self.acquire()

    async def __aexit__(self, exc_type, exc, tb):
        return self.release()
