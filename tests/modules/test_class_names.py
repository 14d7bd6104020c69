"""The firmware's classes print as the firmware prints them (`<class 'OrderedDict'>`), not with
jitvm's module path: the same program on jitvm and on the real MicroPython binary."""

from tests.modules.binary import assert_same_as_micropython, needs_binary

PROGRAM = """
import collections, array, io, vfs, struct, json, re
print(collections.OrderedDict, type(collections.deque((), 2)), array.array, type(array.array('b')))
print(repr(collections.OrderedDict), str(io.BytesIO), [io.StringIO], {1: array.array})
print("%s %r {}".format(collections.deque) % (array.array, collections.OrderedDict))
print(vfs.VfsPosix, type(struct), type(json))
class Mine(collections.OrderedDict):
    pass
print(Mine, Mine.__name__, isinstance(Mine(), collections.OrderedDict))
"""


@needs_binary
def test_firmware_classes_print_as_micropython(tmp_path):
    assert_same_as_micropython(tmp_path, PROGRAM)


ERRORS = """
cases = ["bytes([300])", "'{}'.format()", "'%d' % 'x'", "'%s %s' % (1,)", "b'abc'[5]",
         "abs('x')", "complex('x')", "[1, 2][1:2:0]", "memoryview(b'a')[5]", "' '.join([1])",
         "float([])", "str(b'\\\\xff', 'utf-8')", "'abc'[5]", "[][0]", "(1,)[2]"]
for c in cases:
    try:
        eval(c)
    except Exception as e:
        print(c, "->", type(e).__name__, e)
"""


@needs_binary
def test_error_texts_as_micropython(tmp_path):
    assert_same_as_micropython(tmp_path, ERRORS)
