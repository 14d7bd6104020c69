"""Host-side limits that turn into guest exceptions: the heap budget (MemoryError) and a guest
thread stack deep enough for every recursion the host does on the guest's behalf."""

from __future__ import annotations

import resource
import threading

DEFAULT_HEAP = 512 * 1024 ** 2  # bytes the guest may allocate beyond what the host already uses
MIN_STACK = 2 * 1024 ** 3
MAX_STACK = 16 * 1024 ** 3
MAX_HEAP = MAX_STACK // 2  # so that the stack always covers the deepest nesting the heap allows
# C stack one guest call level may take at worst (a guest __repr__ calling repr() goes through
# the host's repr slot, the call slot and a new evaluation frame): measured ~1.5 KiB, with margin
STACK_PER_GUEST_LEVEL = 8 * 1024


def guest_stack_size(heap: int | None) -> int:
    """The guest thread's stack: virtual memory only, touched as deep as the guest recurses.

    Some host C code recurses on object nesting with no depth check (hash() of a tuple nested
    10**7 deep takes ~1 GB of stack); the deepest nesting the guest can build is bounded by
    its heap, so the stack grows with the heap budget (2x, at least 2 GiB, at most 16 GiB).
    """
    budget = DEFAULT_HEAP if heap is None else heap
    return max(MIN_STACK, min(MAX_STACK, 2 * budget))


def max_recursion_limit(stack: int) -> int:
    """The deepest guest call depth that fits the stack, whatever the calls go through."""
    return stack // STACK_PER_GUEST_LEVEL


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


def apply_heap_budget(heap: int | None, stack: int = MIN_STACK) -> int | None:
    """Cap the data segment so that a runaway guest gets MemoryError, not the host swap.

    RLIMIT_DATA counts thread stacks too, so the guest thread's stack is added to the budget.
    Returns the limit set, or None where the platform does not allow it.
    """
    global _before
    budget = DEFAULT_HEAP if heap is None else heap
    limit = _data_in_use() + stack + budget
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_DATA, (limit, hard))
    except (ValueError, OSError):
        return None
    if _before is None:
        _before = (soft, hard)
    return limit


_before: tuple[int, int] | None = None  # RLIMIT_DATA before apply_heap_budget


def lift_heap_budget() -> None:
    """Put the data limit back as it was before apply_heap_budget, once the guest has stopped:
    the host's own work at the end of a run (releasing the board, writing trace files) must
    not fail because the guest used its whole budget."""
    global _before
    if _before is None:
        return
    try:
        resource.setrlimit(resource.RLIMIT_DATA, _before)
    except (ValueError, OSError):
        return
    _before = None


_lift_lock = threading.Lock()
_lifted = 0  # outside_budget blocks open now (any thread)
_lifted_state: tuple | None = None  # (soft limit, hard limit, data in use) when the first opened


class outside_budget:
    """``with outside_budget():`` host memory the guest's budget does not pay for, such as hal
    and the board, opened when the guest first touches hardware (before, they were opened
    before the budget was set), and tier 1's compiles: the limit grows by what the block
    allocated. Blocks may nest and may run on several threads at once (tier 1's compile
    thread): the first to enter lifts the limit, the last to leave sets it back, grown by what
    was allocated meanwhile."""

    def __enter__(self):
        global _lifted, _lifted_state
        if _before is None:
            return self
        with _lift_lock:
            if _lifted == 0:
                try:
                    soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
                    _lifted_state = (soft, hard, _data_in_use())
                    resource.setrlimit(resource.RLIMIT_DATA, (hard, hard))
                except (ValueError, OSError):
                    _lifted_state = None
            _lifted += 1
        return self

    def __exit__(self, *exc: object) -> None:
        global _lifted, _lifted_state
        if _before is None:
            return
        with _lift_lock:
            if _lifted == 0:
                return
            _lifted -= 1
            if _lifted or _lifted_state is None:
                return
            soft, hard, before = _lifted_state
            _lifted_state = None
            limit = soft + max(0, _data_in_use() - before)
            if hard != resource.RLIM_INFINITY:
                limit = min(limit, hard)
            try:
                resource.setrlimit(resource.RLIMIT_DATA, (limit, hard))
            except (ValueError, OSError):
                pass
