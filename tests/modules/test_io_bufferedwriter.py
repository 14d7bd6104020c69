"""io.BufferedWriter, and a subclass of machine.Signal against the real MicroPython binary."""

import pytest

from tests.modules.binary import assert_same_as_micropython, jitvm, needs_binary

SIGNAL = """
import machine
class Pin(machine.PinBase):
    def value(self, v=None):
        return 1
class Inverted(machine.Signal):
    pass
s = Inverted(Pin(), invert=True)
print(s(), s.value(), isinstance(s, machine.Signal))
"""

# io.BufferedWriter (modio.c's bufwriter; the unix port's standard build leaves it out, its
# coverage build and some boards have it): the buffer goes out whole each time it fills
BUFFERED = """
import io
out = io.BytesIO()
w = io.BufferedWriter(out, 5)
for chunk in (b"ab", b"cde", b"fghijklm", b"", bytearray(b"n"), memoryview(b"opq")):
    print(w.write(chunk), out.getvalue())
w.flush(); print(out.getvalue())
w.flush(); print(out.getvalue())

class Slow(io.IOBase):
    def __init__(self):
        self.calls = 0
    def write(self, b):
        self.calls += 1
        if self.calls % 2:
            return None
        print("got", bytes(b))
        return len(b)

w = io.BufferedWriter(Slow(), 4)
for i in range(3):
    try:
        print(w.write(b"xyz"))
    except OSError as e:
        print("OSError", e.errno)
for i in range(3):
    try:
        w.flush(); print("flushed")
    except OSError as e:
        print("OSError", e.errno)
"""

BUFFERED_OUT = [
    "2 b''", "3 b'abcde'", "8 b'abcdefghij'", "0 b'abcdefghij'", "1 b'abcdefghij'",
    "3 b'abcdefghijklmno'", "b'abcdefghijklmnopq'", "b'abcdefghijklmnopq'",
    "3",                      # xyz buffered
    "OSError 11",             # x would fill it; the stream takes nothing (EAGAIN): xyz kept
    "got b'xyzx'", "3",       # now the full buffer goes out, and yz waits
    "OSError 11", "got b'yz'", "flushed", "flushed",
]


def test_buffered_writer(tmp_path):
    got = jitvm(tmp_path, BUFFERED)
    assert got.stdout.splitlines() == BUFFERED_OUT, got.stdout + got.stderr


@needs_binary
def test_signal_subclass_same_as_micropython(tmp_path):
    assert_same_as_micropython(tmp_path, SIGNAL)


SCHEDULE = """
import micropython
out = []
def cb(n):
    out.append(n)
for i in range(6):
    micropython.schedule(cb, i)
    for j in range(3):
        pass
print(out)
def f():
    out.clear()
    i = 0
    while i < 6:
        micropython.schedule(cb, i)
        i += 1
    print(out)
f()
"""


@needs_binary
@pytest.mark.parametrize("tier", ["0", "1"])
def test_scheduled_callbacks_run_at_loops_as_micropython(tmp_path, tier):
    """micropython.schedule's callbacks run at the loops' back edges, in module code and in
    functions, in each tier (the queue holds 4: a loop that did not run them would overflow)."""
    assert_same_as_micropython(tmp_path, SCHEDULE, "--tier", tier)
