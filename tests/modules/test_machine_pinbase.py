"""machine.PinBase, machine.Signal over a Python pin, machine.time_pulse_us: the same program on
jitvm and on the real MicroPython binary (whose unix port has all three)."""

import subprocess
import sys
from pathlib import Path

import pytest

MICROPYTHON = Path(sys.executable).parent / "micropython"

PROGRAM = """
import machine

class Wire(machine.PinBase):
    def __init__(self, levels=None):
        self.v = 0
        self.levels = levels
    def value(self, v=None):
        if v is None:
            if self.levels:
                self.v = self.levels.pop(0)
            return self.v
        print("set", v)
        self.v = 1 if v else 0

w = Wire()
s = machine.Signal(w, invert=True)
s.on(); print(w.v, s.value())
s.off(); print(w.v, s.value())
s.value(7); print(w.v, s())
print(isinstance(w, machine.PinBase), issubclass(Wire, machine.PinBase))
print(machine.time_pulse_us(Wire([0, 0, 1, 1, 1, 0]), 1) >= 0)
print(machine.time_pulse_us(Wire([1, 1, 0]), 0, 50) >= 0)
print(machine.time_pulse_us(Wire(), 1, 20), machine.time_pulse_us(Wire([1] * 20000), 1, 20))
"""


@pytest.mark.skipif(not MICROPYTHON.exists(), reason="the real MicroPython binary is a test extra")
def test_same_as_micropython(tmp_path):
    (tmp_path / "main.py").write_text(PROGRAM)
    expected = subprocess.run([str(MICROPYTHON), "main.py"], cwd=tmp_path, capture_output=True,
                              text=True, timeout=60)
    got = subprocess.run([sys.executable, "-m", "jitvm", "run", "main.py"], cwd=tmp_path,
                         capture_output=True, text=True, timeout=120)
    assert expected.returncode == 0, expected.stdout + expected.stderr
    assert got.stdout + got.stderr == expected.stdout
