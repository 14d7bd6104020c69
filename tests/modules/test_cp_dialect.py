"""CircuitPython's own changes to MicroPython's extmod modules (its CIRCUITPY-CHANGE
blocks): json.load from any object with readinto, re1.5's control-character escapes, and
check_not_unicode in binascii and hashlib.sha256. The same program under MicroPython keeps
MicroPython's behaviour (checked against the real binary)."""

from tests.modules.binary import assert_same_as_micropython, jitvm, needs_binary

PROGRAM = """
import json, re, binascii, hashlib
class Buf:
    def __init__(self, data):
        self.data, self.i = data, 0
    def readinto(self, buf):
        n = min(len(buf), len(self.data) - self.i)
        buf[:n] = self.data[self.i:self.i + n]
        self.i += n
        return n
try:
    print(json.load(Buf(b'[1, "a", null]')))
except OSError as e:
    print("OSError", e)
print(re.match(r"\\n", "\\n") is not None, re.match(r"\\t+", "\\t\\t") is not None,
      re.match(r"[\\n-\\r]", "\\r") is not None)
for f in (lambda: binascii.crc32("abc"), lambda: binascii.b2a_base64("abc"),
          lambda: hashlib.sha256("abc").digest(), lambda: hashlib.sha1("abc").digest()):
    try:
        print(type(f()).__name__)
    except TypeError as e:
        print("TypeError", e)
"""

CIRCUITPYTHON = [
    "[1, 'a', None]",
    "True True True",
    "TypeError a bytes-like object is required",
    "TypeError a bytes-like object is required",
    "TypeError a bytes-like object is required",
    "bytes",
]


def test_circuitpython_dialect(tmp_path):
    r = jitvm(tmp_path, PROGRAM, "--flavor", "circuitpython")
    assert r.stdout.splitlines() == CIRCUITPYTHON, r.stdout + r.stderr


@needs_binary
def test_micropython_keeps_its_own(tmp_path):
    assert_same_as_micropython(tmp_path, PROGRAM)
