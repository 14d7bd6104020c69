# asyncio.task: Task and TaskQueue live in core (they share the loop's state); this module
# keeps MicroPython's module layout importable.

from .core import DETACHED, Task, TaskQueue  # noqa: F401
