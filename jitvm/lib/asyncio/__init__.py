# asyncio for jitvm guests: MicroPython's asyncio API, written in guest Python.
# Streams (open_connection, start_server) run over the board's sockets (`--net`).

from .core import (
    CancelledError,
    IOQueue,
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
from .stream import StreamReader, StreamWriter, open_connection, start_server

__version__ = (3, 0, 0)

__all__ = [
    "CancelledError",
    "Event",
    "IOQueue",
    "Lock",
    "Loop",
    "SingletonGenerator",
    "StreamReader",
    "StreamWriter",
    "Task",
    "TaskQueue",
    "ThreadSafeFlag",
    "TimeoutError",
    "create_task",
    "current_task",
    "gather",
    "get_event_loop",
    "new_event_loop",
    "open_connection",
    "run",
    "run_until_complete",
    "sleep",
    "sleep_ms",
    "start_server",
    "wait_for",
    "wait_for_ms",
]
