"""select.poll over pollables written in Python (io.IOBase with ioctl(MP_STREAM_POLL)), against
the real MicroPython binary: asked with the registered flags, polled again while waiting, a
negative answer an OSError. (MicroPython keeps the objects in a hash map: the program polls
one at a time where the order would show.)"""

from tests.modules.binary import assert_same_as_micropython, needs_binary

PROGRAM = """
import io, select

class P(io.IOBase):
    def __init__(self, name, states):
        self.name, self.states = name, states
    def ioctl(self, cmd, arg):
        if cmd != 3:
            return -1
        state = self.states.pop(0) if len(self.states) > 1 else self.states[0]
        print(self.name, "ioctl", cmd, arg, "->", state)
        return state if state < 0 else state & arg

a, b = P("a", [0, 0, 1]), P("b", [4])
p = select.poll()
p.register(a, select.POLLIN)
print([(o.name, ev) for o, ev in p.poll(0)])
print([(o.name, ev) for o, ev in p.poll()])
p.unregister(a)
p.register(b)
print([(o.name, ev) for o, ev in p.poll(0)])
p.modify(b, select.POLLIN)
print([(o.name, ev) for o, ev in p.poll(0)])
p.unregister(b)
p.register(P("c", [-5]), select.POLLIN)
try:
    p.poll(0)
except OSError as e:
    print("OSError", e.errno)
"""


@needs_binary
def test_same_as_micropython(tmp_path):
    assert_same_as_micropython(tmp_path, PROGRAM)
