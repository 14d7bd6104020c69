"""jitvm's guest `errno` module against the real MicroPython binary."""

import importlib.util
from pathlib import Path

_spec = importlib.util.spec_from_file_location(
    "std_harness", Path(__file__).with_name("test_std_harness.py")
)
harness = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(harness)


def test_errno_values_and_errorcode_match_micropython() -> None:
    names = sorted(harness.micropython_dir("errno") - {"errorcode"})
    cases = [f"errno.{n}" for n in names] + ["errno.errorcode", "len(errno.errorcode)"]
    harness.assert_same(["errno"], "import errno", cases)


def test_errno_exposes_what_micropython_exposes() -> None:
    import jitvm.modules.errno as mod

    assert set(mod.__all__) == harness.micropython_dir("errno")
