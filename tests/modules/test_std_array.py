"""jitvm's guest `array` module against the real MicroPython binary."""

import importlib.util
from pathlib import Path

_spec = importlib.util.spec_from_file_location(
    "std_harness", Path(__file__).with_name("test_std_harness.py")
)
harness = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(harness)

SETUP = """
from array import array
a = array('i', [1, 2, 3])
"""

CASES = [
    "array('i')",
    "array('b', [1, 2])",
    "array('B', b'ab')",
    "array('f', [1.5])",
    "array('d', [1, 2])",
    "array('q', [1 << 40])",
    "array('h', 3)",
    "array('h', [1 << 20])",
    "array('B', [-1])",
    "array('B', [256])",
    "array('x')",
    "array('H', range(3))",
    "array('i', 'ab')",
    "array('b', bytearray(b'\\x01\\x02'))",
    "array('h', b'\\x01\\x02\\x03')",
    "array('h', array('b', [1, 2]))",
    "a[0]",
    "a[-1]",
    "a[5]",
    "a[-4]",
    "a[1:]",
    "a[1:2]",
    "a[::2]",
    "len(a)",
    "a + array('i', [4])",
    "a + [4]",
    "a + array('b', [4])",
    "a == array('i', [1, 2, 3])",
    "a == [1, 2, 3]",
    "a == array('b', [1, 2, 3])",
    "array('B', [1]) == array('b', [1])",
    "array('b', [1]) == b'\\x01'",
    "array('i', [1]) != array('i', [2])",
    "1 in a",
    "list(a)",
    "array('f', [1.5]) == array('d', [1.5])",
    "array('i', [1.5])",
    "array('f', [1])",
    "array('b', ['a'])",
    "array('b', None)",
    "array('bb')",
    "array('i', [1, 2]) < array('i', [3])",
    "array('l', [-1])",
    "array('L', [-1])",
    "array('I', [2**32])",
    "array('Q', [2**64 - 1])",
    "array('q', [2**63])",
    "array('b', [True])",
    "array(1)",
    "array('i', [2**70])",
    "array('b', [-129])",
    "array('f', [2**200])",
    "array('d', 'ab')",
    "array('i', iter([1, 2]))",
    "array('P', [5])",
    "a[1.0]",
    "a['x']",
    "array('f', [float('nan')])",
    "array('d', [1e300])",
    "array('f', [-0.0])",
    "str(a)",
    "array('B', memoryview(b'ab'))",
    "array('f', [0.1])",
    "array('f', [1e40])",
    "array('f', [-1e40])",
    "a.append(4); return a",
    "a.extend([5, 6]); return a",
    "a.extend(array('i', [7])); return a",
    "a.extend(array('b', [7])); return a",
    "a.extend(b'ab'); return a",
    "a.extend(3)",
    "a[0] = 9; return a",
    "a[-1] = 8; return a",
    "a[9] = 1",
    "a[0] = 'x'",
    "a.append('x')",
    "a[1:3] = array('i', [0, 0]); return a",
    "a[1:3] = [0, 0]",
    "a[0:1] = array('b', [1])",
    "a[1:2] = array('i', [5, 5, 5]); return a",
    "a[0:0] = array('I', [7]); return a",
    "b = array('B', [1, 2]); b[0:1] = b'xyz'; return b",
    "a[0:1] = b'abcd'",
    "b = a; b += array('i', [1]); return a, b is a",
    "del a[0]",
    "b = array('B', [1, 2]); b[1:1] = bytearray(b'z'); return list(b)",
    "return [x * 2 for x in array('h', [1, -2, 3])]",
    "return a.decode",
]


def test_array_matches_micropython() -> None:
    harness.assert_same(
        ["array"], SETUP, [c if "return" not in c else c.replace("; ", "\n") for c in CASES]
    )


def test_array_exposes_what_micropython_exposes() -> None:
    import jitvm.modules.array as mod

    assert set(mod.__all__) == harness.micropython_dir("array")


def test_the_guest_sees_only_micropythons_array_methods(tmp_path) -> None:
    """jitvm's array keeps its items in a host array.array (so host buffers see its bytes);
    the sandbox shows the guest MicroPython's names only, whose binary agrees."""
    import subprocess
    import sys

    prog = tmp_path / "m.py"
    prog.write_text(
        "from array import array\n"
        "a = array('h', [1, 2])\n"
        "print([n for n in dir(a) if not n.startswith('_')])\n"
        "for name in ('pop', 'tobytes', 'buffer_info', 'typecode', 'fromfile'):\n"
        "    try:\n"
        "        getattr(a, name)\n"
        "        print(name, 'visible')\n"
        "    except AttributeError:\n"
        "        print(name, 'AttributeError')\n"
        "print(bytearray(a), b'\\x01\\x00' in bytes(a), str(array('B', b'ok'), 'utf-8'))\n")
    jv = subprocess.run([sys.executable, "-m", "jitvm", "run", str(prog)], capture_output=True,
                        text=True, timeout=60)
    assert jv.returncode == 0, jv.stdout + jv.stderr
    if harness.MICROPYTHON.exists():
        assert jv.stdout == harness.run_micropython(prog.read_text())
    assert "visible" not in jv.stdout and "['append', 'extend']" in jv.stdout
