# asyncio.funcs: wait_for, wait_for_ms and gather (jitvm guest library).

from . import core
from .core import DETACHED


async def _watch(waiter, aw, sleeping):
    # Await aw on behalf of wait_for; when done, end the waiter's sleep by cancelling it with a
    # CancelledError that carries the outcome: (True, value) or (the exception, None).
    try:
        outcome = (True, await aw)
    except BaseException as er:  # noqa: BLE001 - every outcome, even cancellation, is relayed
        outcome = (er, None)
    # waiter.data set already: someone else cancelled the waiter first.
    if sleeping[0] and waiter.data is None and waiter.cancel():
        # A later outside cancel() replaces this with a bare CancelledError.
        waiter.data = core.CancelledError(*outcome)


async def wait_for(aw, timeout, sleep=core.sleep):
    aw = core._promote_to_task(aw)
    if timeout is None:
        return await aw
    sleeping = [True]
    watcher = core.create_task(_watch(core.cur_task, aw, sleeping))
    try:
        await sleep(timeout)
    except core.CancelledError as er:
        sleeping[0] = False
        if not er.args:
            # Cancelled from outside: cancel aw too.
            watcher.cancel()
            raise er  # noqa: TRY201 - explicit: simpler for the guest VM
        status, value = er.args
        if status is True:
            return value
        raise status
    # The timeout elapsed first.
    sleeping[0] = False
    watcher.cancel()
    await watcher
    raise core.TimeoutError


def wait_for_ms(aw, timeout):
    return wait_for(aw, timeout, core.sleep_ms)


async def gather(*aws, return_exceptions=False):
    if not aws:
        return []
    tasks = [core._promote_to_task(aw) for aw in aws]
    gather_task = core.cur_task
    # pending counts unfinished tasks; error holds the exception that ends the gather early.
    status = {"pending": 0, "error": None, "woken": False}

    def on_done(t, result):
        if status["woken"]:
            return
        if not return_exceptions and not isinstance(result, StopIteration):
            status["error"] = result
        else:
            status["pending"] -= 1
            if status["pending"]:
                return
        status["woken"] = True
        gather_task.waiting_on = None
        core._task_queue.push(gather_task)

    for t in tasks:
        if t.on_done is not None or t.waiters:
            # Another task already waits on it.
            raise RuntimeError("can't gather")
    for t in tasks:
        if t.finished:
            # Already finished tasks contribute their outcome straight away.
            t.awaited = True
            if not return_exceptions and not isinstance(t.data, StopIteration):
                # The first of them in argument order is the one raised.
                if status["error"] is None:
                    status["error"] = t.data
        else:
            t.on_done = on_done
            status["pending"] += 1
    cancelled = None
    if status["pending"] and status["error"] is None:
        gather_task.waiting_on = DETACHED
        try:
            await core._suspend()
        except core.CancelledError as er:
            cancelled = er
    status["woken"] = True
    results = []
    for t in tasks:
        if not t.finished:
            # Still running: stop watching it, and cancel it if the gather was cancelled.
            t.on_done = None
            if cancelled is not None:
                t.cancel()
            results.append(None)
        elif isinstance(t.data, StopIteration):
            results.append(t.data.value)
        else:
            results.append(t.data)
    if cancelled is not None:
        raise cancelled
    if status["error"] is not None:
        raise status["error"]
    return results
