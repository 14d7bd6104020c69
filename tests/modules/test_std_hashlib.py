"""jitvm's guest `hashlib` module against the real MicroPython binary."""

import importlib.util
from pathlib import Path

_spec = importlib.util.spec_from_file_location(
    "std_harness", Path(__file__).with_name("test_std_harness.py")
)
harness = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(harness)

SETUP = "import hashlib\nfrom array import array\nh = hashlib.sha256(b'abc')"

CASES = [
    "h.digest()",
    "h.digest()",
    "h.update(b'x')",
    "hashlib.sha256('abc').digest()",
    "hashlib.sha256(1)",
    "hashlib.md5(b'a').digest()",
    "hashlib.sha1(b'a').digest()",
    "hashlib.sha256(b'a', b'b')",
    "hashlib.sha256().update(3)",
    "type(h).__name__",
    "hashlib.sha256(bytearray(b'q')).digest()",
    "hashlib.sha256(None)",
    "hashlib.md5().digest()",
    "x = hashlib.sha1()\nx.update(b'ab')\nx.update(memoryview(b'cd'))\nreturn x.digest()",
    "hashlib.sha256(array('i', [1, 2])).digest()",
    "hashlib.sha256(bytes(1000)).digest()",
    "hasattr(h, 'hexdigest')",
    "hasattr(h, 'copy')",
    "repr(hashlib.md5())",
]


def test_hashlib_matches_micropython() -> None:
    harness.assert_same(["hashlib", "array"], SETUP, CASES)


def test_hashlib_exposes_what_micropython_exposes() -> None:
    import jitvm.modules.hashlib as mod

    assert set(mod.__all__) == harness.micropython_dir("hashlib")
