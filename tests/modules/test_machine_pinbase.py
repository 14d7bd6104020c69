"""machine.PinBase, machine.Signal over a Python pin, machine.time_pulse_us: the same program on
jitvm and on the real MicroPython binary (whose unix port has all three)."""

from tests.modules.binary import assert_same_as_micropython, needs_binary

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


@needs_binary
def test_same_as_micropython(tmp_path):
    assert_same_as_micropython(tmp_path, PROGRAM)
