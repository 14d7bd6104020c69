"""Guest module `heapq`: a binary min-heap kept in a list (heappush, heappop, heapify)."""

from __future__ import annotations

from jitvm.modules._stdconv import type_name

__all__ = ["heapify", "heappop", "heappush"]


def _check(heap: object) -> list:
    if type(heap) is not list:
        raise TypeError("heap must be a list")
    return heap


def _lt(a: object, b: object) -> bool:
    try:
        return a < b  # type: ignore[operator]
    except TypeError as exc:
        # Give host comparison failures MicroPython's wording; other TypeErrors pass through.
        if "not supported between" in str(exc):
            raise TypeError(
                f"unsupported types for __lt__: '{type_name(a)}', '{type_name(b)}'"
            ) from None
        raise


def _sift_down(heap: list, start: int, pos: int) -> None:
    # Move heap[pos] up towards start until its parent is not larger.
    item = heap[pos]
    while pos > start:
        parent_pos = (pos - 1) >> 1
        parent = heap[parent_pos]
        if _lt(item, parent):
            heap[pos] = parent
            pos = parent_pos
            continue
        break
    heap[pos] = item


def _sift_up(heap: list, pos: int) -> None:
    # Bubble the smaller child up until a leaf, then sift the item back down (Floyd's method,
    # the same order of comparisons as MicroPython's and CPython's heapq).
    end = len(heap)
    start = pos
    item = heap[pos]
    child = 2 * pos + 1
    while child < end:
        right = child + 1
        if right < end and not _lt(heap[child], heap[right]):
            child = right
        heap[pos] = heap[child]
        pos = child
        child = 2 * pos + 1
    heap[pos] = item
    _sift_down(heap, start, pos)


def heappush(heap: list, item: object) -> None:
    """Push item onto the heap."""
    _check(heap).append(item)
    _sift_down(heap, 0, len(heap) - 1)


def heappop(heap: list) -> object:
    """Pop and return the smallest item."""
    if not _check(heap):
        raise IndexError("empty heap")
    last = heap.pop()
    if not heap:
        return last
    smallest = heap[0]
    heap[0] = last
    _sift_up(heap, 0)
    return smallest


def heapify(heap: list) -> None:
    """Rearrange a list into heap order in place."""
    _check(heap)
    for i in reversed(range(len(heap) // 2)):
        _sift_up(heap, i)
