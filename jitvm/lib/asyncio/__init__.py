# asyncio for jitvm guests: MicroPython's asyncio API, written in guest Python.
# (No streams: open_connection/start_server need sockets, which jitvm guests do not have.)

from .core import (
    CancelledError,
    Loop,
    SingletonGenerator,
    Task,
    TaskQueue,
    TimeoutError,
    create_task,
    current_task,
    get_event_loop,
    new_event_loop,
    run,
    run_until_complete,
    sleep,
    sleep_ms,
)
from .event import Event, ThreadSafeFlag
from .funcs import gather, wait_for, wait_for_ms
from .lock import Lock

__version__ = (3, 0, 0)

__all__ = [
    "CancelledError",
    "Event",
    "Lock",
    "Loop",
    "SingletonGenerator",
    "Task",
    "TaskQueue",
    "ThreadSafeFlag",
    "TimeoutError",
    "create_task",
    "current_task",
    "gather",
    "get_event_loop",
    "new_event_loop",
    "run",
    "run_until_complete",
    "sleep",
    "sleep_ms",
    "wait_for",
    "wait_for_ms",
]
