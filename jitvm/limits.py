"""Host-side limits that turn into guest exceptions: the heap budget (MemoryError)."""

from __future__ import annotations

import resource

DEFAULT_HEAP = 2 * 1024 ** 3  # bytes the guest may allocate beyond what the host already uses
STACK_ALLOWANCE = 600 * 1024 ** 2  # the guest thread's stack is mapped from the same budget


def _data_in_use() -> int:
    """Private writable memory the process maps now (what RLIMIT_DATA counts), in bytes."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmData:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def apply_heap_budget(heap: int | None) -> int | None:
    """Cap the data segment so that a runaway guest gets MemoryError, not the host swap.

    Returns the limit set, or None where the platform does not allow it.
    """
    budget = DEFAULT_HEAP if heap is None else heap
    limit = _data_in_use() + STACK_ALLOWANCE + budget
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_DATA, (limit, hard))
    except (ValueError, OSError):
        return None
    return limit
