"""A.5 Exceptions whose __str__/__repr__ raise or recurse forever, sys.exit(obj) with such an
object, print() of such objects: the run ends as a guest error (MicroPython traceback on stdout,
exit 1) or as MicroPython behaves, never exit 3 and never a host traceback.
"""

import pytest

from .helpers import (
    E,
    Escape,
    assert_no_host_traceback,
    assert_sane_exit,
    escape_params,
    last_exception,
    run_escape,
)

BAD = '''
class BadStr(Exception):
    def __str__(self):
        raise ValueError('__str__ failed')
class RecStr(Exception):
    def __str__(self):
        return str(self)
class BadRepr:
    def __repr__(self):
        raise ValueError('__repr__ failed')
    def __str__(self):
        raise ValueError('__str__ failed')
class RecRepr:
    def __repr__(self):
        return repr(self)
    def __str__(self):
        return str(self)
class NotStr(Exception):
    def __str__(self):
        return 5
'''

ANY = frozenset({"ValueError", "RuntimeError", "TypeError", "BadStr", "RecStr", "NotStr",
                 "MemoryError", "RecursionError", "KeyError", "Nested", "Boom"})

CASES = [
    E("uncaught_exception_str_raises", BAD + "raise BadStr('x')\n", *ANY),
    E("uncaught_exception_str_recurses", BAD + "raise RecStr('x')\n", *ANY),
    E("uncaught_exception_str_not_a_string", BAD + "raise NotStr('x')\n", *ANY),
    E("uncaught_exception_with_bad_arg", BAD + "raise ValueError(BadRepr())\n", *ANY),
    E("uncaught_exception_with_recursive_arg", BAD + "raise ValueError(RecRepr())\n", *ANY),
    E("uncaught_keyerror_with_bad_key", BAD + "d = {}\nd[BadRepr.__name__]\nraise KeyError(BadRepr())\n",
      *ANY),
    E("uncaught_nested_bad_exceptions", BAD + '''
class Nested(Exception):
    def __str__(self):
        raise BadStr('inner')
raise Nested()
''', *ANY),
    E("print_object_str_raises", BAD + "print('before')\nprint(BadRepr())\n", *ANY),
    E("print_object_str_recurses", BAD + "print(RecRepr())\n", *ANY),
    E("print_exception_str_recurses_hot", BAD + '''
def show(e):
    return '%s' % (e,)
for i in range(20):
    try:
        show(RecStr(i))
    except RuntimeError:
        pass
print(RecStr('last'))
''', *ANY),
    E("sys_print_exception_bad_str", BAD + '''
import sys
try:
    raise BadStr('x')
except BadStr as e:
    sys.print_exception(e)
print('after')
raise BadStr('y')
''', *ANY),
    E("repr_of_container_with_bad_repr", BAD + "print([1, BadRepr(), 2])\n", *ANY),
    E("exception_raised_while_handling_bad_str", BAD + '''
def f():
    try:
        raise BadStr('a')
    finally:
        raise RecStr('b')
f()
''', *ANY),
    E("generator_close_raises_bad_exception", BAD + '''
def g():
    try:
        yield 1
    finally:
        raise BadStr('in finally')
it = g()
next(it)
it.close()
''', *ANY),
]

# sys.exit(obj) prints obj and exits 1 on MicroPython; if printing fails MicroPython prints
# nothing more and still exits 1: exit status 1, nothing from the host
EXITS = [
    E("sys_exit_object_str_raises", BAD + "import sys\nsys.exit(BadRepr())\n"),
    E("sys_exit_object_str_recurses", BAD + "import sys\nsys.exit(RecRepr())\n"),
    E("sys_exit_exception_str_raises", BAD + "import sys\nsys.exit(BadStr('x'))\n"),
    E("raise_systemexit_with_bad_object", BAD + "raise SystemExit(RecRepr())\n"),
    E("sys_exit_object_str_recurses_hot", BAD + '''
import sys
def leave(o):
    sys.exit(o)
for i in range(200):
    try:
        leave(RecRepr())
    except SystemExit:
        pass
leave(RecRepr())
'''),
]

# programs whose end is up to the implementation (MicroPython's own behaviour varies), as long
# as the VM ends cleanly: an exit status 0..2 or the guest's, never 3, no host traceback
LOOSE = [
    Escape("str_calls_sys_exit", BAD + '''
import sys
class Exits(Exception):
    def __str__(self):
        sys.exit(5)
raise Exits()
'''),
    Escape("str_raises_keyboardinterrupt", BAD + '''
class Intr(Exception):
    def __str__(self):
        raise KeyboardInterrupt
raise Intr()
'''),
    Escape("exit_code_object_with_bad_int", BAD + '''
import sys
class Code:
    def __int__(self):
        raise ValueError('no int')
    def __index__(self):
        raise ValueError('no index')
    def __str__(self):
        raise ValueError('no str')
sys.exit(Code())
'''),
    Escape("exception_class_with_bad_name", BAD + '''
class Boom(Exception):
    def __repr__(self):
        raise ValueError('repr')
    def __str__(self):
        return 'x' * 1000000
raise Boom()
'''),
]


@pytest.mark.parametrize("case, mode", escape_params(CASES))
def test_bad_exception_objects(tmp_path, case, mode):
    _pg, run = run_escape(tmp_path, case, mode)
    assert_sane_exit(run)
    assert_no_host_traceback(run)
    assert "ESCAPED" not in run.stdout + run.stderr
    assert run.returncode == 1, "expected a guest error (exit 1)\n" + run.text()
    assert "Traceback (most recent call last):" in run.stdout, "no MicroPython traceback\n" + run.text()
    exc = last_exception(run.stdout)
    assert exc in case.expect, f"ended with {exc!r}\n" + run.text()


@pytest.mark.parametrize("case, mode", escape_params(LOOSE))
def test_bad_exception_objects_end_cleanly(tmp_path, case, mode):
    _pg, run = run_escape(tmp_path, case, mode)
    assert_sane_exit(run)
    assert_no_host_traceback(run)
    assert run.returncode in (0, 1, 2, 5, 130), run.text()


@pytest.mark.parametrize("case, mode", escape_params(EXITS))
def test_sys_exit_with_bad_objects(tmp_path, case, mode):
    _pg, run = run_escape(tmp_path, case, mode)
    assert_sane_exit(run)
    assert_no_host_traceback(run)
    assert run.returncode == 1, "sys.exit(obj) ends with exit status 1\n" + run.text()
