"""jitvm's guest `random` module against the real MicroPython binary (same seeded sequences)."""

import importlib.util
from pathlib import Path

_spec = importlib.util.spec_from_file_location(
    "std_harness", Path(__file__).with_name("test_std_harness.py")
)
harness = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(harness)

SETUP = "import random"

CASES = [
    "random.seed(5)\nreturn [random.getrandbits(k) for k in (1, 5, 16, 31, 32, 0)]",
    "random.seed(1)\nreturn [random.random() for _ in range(5)]",
    "random.seed(2)\nreturn [random.uniform(-1, 3) for _ in range(3)]",
    "random.seed(3)\nreturn [random.randrange(10) for _ in range(20)]",
    "random.seed(4)\nreturn [random.randrange(-5, 5) for _ in range(20)]",
    "random.seed(5)\nreturn [random.randrange(10, 0, -3) for _ in range(10)]",
    "random.seed(6)\nreturn [random.randrange(1, 100, 7) for _ in range(10)]",
    "random.seed(7)\nreturn [random.randint(-3, 3) for _ in range(20)]",
    "random.seed(8)\nreturn [random.choice('abcdef') for _ in range(10)]",
    "random.seed(9)\nreturn [random.choice((1, 2, 3)) for _ in range(10)]",
    "random.seed(-1)\nreturn random.getrandbits(32)",
    "random.seed(2**40 + 3)\nreturn random.getrandbits(32)",
    "random.seed(0)\nreturn [random.getrandbits(32) for _ in range(50)]",
    "random.seed(123456789)\nreturn random.randint(0, 2**31)",
    "random.seed(10)\nreturn random.randint(5, 5)",
    "random.randrange(0)",
    "random.randrange(1, 2, 0)",
    "random.randrange(1, 5, -1)",
    "random.randrange(5, 5)",
    "random.getrandbits(-1)",
    "random.getrandbits(33)",
    "random.seed(1.5)",
    "random.randint(1.0, 2)",
    "random.randint(5, 4)",
    "random.uniform(1, 'a')",
    "random.choice(3)",
    "random.choice({})",
    "random.choice([])",
    "random.seed('x')",
    "random.getrandbits(2.0)",
    "random.seed(None)",
    "random.seed()",
    "0 <= random.random() < 1",
]


def test_random_matches_micropython() -> None:
    harness.assert_same(["random"], SETUP, CASES)


def test_random_exposes_what_micropython_exposes() -> None:
    import jitvm.modules.random as mod

    assert set(mod.__all__) == harness.micropython_dir("random")
