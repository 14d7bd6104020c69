"""jitvm's guest `heapq` module against the real MicroPython binary."""

import importlib.util
from pathlib import Path

_spec = importlib.util.spec_from_file_location(
    "std_harness", Path(__file__).with_name("test_std_harness.py")
)
harness = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(harness)

SETUP = """
import heapq
def drain(h):
    out = []
    while h:
        out.append(heapq.heappop(h))
    return out
def lcg(n, seed):
    out = []
    for _ in range(n):
        seed = (seed * 1103515245 + 12345) % 2147483648
        out.append(seed % 50)
    return out
"""

CASES = [
    "h = [5, 3, 1]\nheapq.heapify(h)\nreturn h",
    "heapq.heappop([])",
    "heapq.heappush((1,), 2)",
    "heapq.heapify((1, 2))",
    "heapq.heappop((1,))",
    "heapq.heapify(1)",
    "heapq.heappop([7])",
    "h = lcg(40, 1)\nheapq.heapify(h)\nreturn h",
    "h = lcg(40, 2)\nheapq.heapify(h)\nreturn drain(h)",
    "h = []\nfor x in lcg(30, 3):\n    heapq.heappush(h, x)\nreturn h",
    "h = []\nfor x in lcg(30, 4):\n    heapq.heappush(h, (x % 5, x))\nreturn drain(h)",
    "h = [1, 'a']\nheapq.heapify(h)\nreturn h",
    "h = [2, 1]\nheapq.heappush(h, 'x')",
    "h = lcg(25, 5)\nheapq.heapify(h)\nheapq.heappop(h)\nheapq.heappush(h, 7)\nreturn h",
]


def test_heapq_matches_micropython() -> None:
    harness.assert_same(["heapq"], SETUP, CASES)


def test_heapq_exposes_what_micropython_exposes() -> None:
    import jitvm.modules.heapq as mod

    assert set(mod.__all__) == harness.micropython_dir("heapq")
