"""The REPL's guest-visible additions: the ``__repl_print__`` builtin (what an expression
typed at the REPL calls) and tab completion, which walks attributes for the user. Neither
may lead to a host object: the builtin's attributes are refused like any builtin's, and
completion lists and follows only the names the sandbox allows."""

import argparse
import os

import pytest

from jitvm.console import Console
from jitvm.repl_session import ReplSession

from .helpers import E, check_escape, escape_params, run_escape

CASES = [
    E("repl_print_attributes", '''
f = __repl_print__
_try('__globals__', lambda: f.__globals__)
_try('__closure__', lambda: f.__closure__)
_try('__code__', lambda: f.__code__)
_try('__self__', lambda: f.__self__)
_try('__defaults__', lambda: f.__defaults__)
_try('__wrapped__', lambda: f.__wrapped__)
_try('type dict', lambda: type(f).__dict__)
_try('getattr __globals__', lambda: getattr(f, '__globals__'))
f(1234)
print(_)
print('DONE')
''', "AttributeError", "TypeError", done=True),
]


@pytest.mark.parametrize("case, mode", escape_params(CASES))
def test_repl_builtin_escape(tmp_path, case, mode):
    pg, run = run_escape(tmp_path, case, mode)
    check_escape(pg, case, run)
    assert "1234\n1234\n" in run.stdout  # printed by __repl_print__, then kept as _


# never offered; __globals__ only on guest functions and __dict__ only on guest classes and
# modules (MicroPython has them: guest dicts)
HIDDEN = ("__closure__", "__code__", "__subclasses__", "__builtins__", "__self__",
          "__mro__", "__func__", "f_globals", "gi_frame", "gi_code", "__wrapped__")
GUEST_FUNCTIONS = ("f.", "g.", "C().m.")
GUEST_DICTS = ("C.", "sys.")


@pytest.fixture
def session(tmp_path):
    r, w = os.pipe()
    con = Console(r, w, crlf=False, echo=False)
    hw = argparse.Namespace(board="sim", layout=None, scenario=None, vcd=None, trace=None,
                            png_dir=None, realtime=False, clock="virtual")
    s = ReplSession(tmp_path, "micropython", con, hw)
    yield s
    s.close()
    con.close()
    os.close(r)
    os.close(w)


@pytest.mark.parametrize("chain", ["print.", "().__class__.", "len.", "sys.stdout.",
                                   "sys.stdout.buffer.", "f.", "g.", "sys.modules.",
                                   "open.", "C.", "C().m.", "sys.", "print.__class__."])
def test_completion_lists_only_allowed_names(session, chain):
    session.execute("import sys\ndef f(): pass\ndef g():\n    yield 1\n"
                    "class C:\n    def m(self): pass\n", single=False)
    hidden = HIDDEN + (() if chain in GUEST_FUNCTIONS else ("__globals__",)) + (
        () if chain in GUEST_DICTS else ("__dict__",))
    for typed in (chain, chain + "_", chain + "__"):
        insert, matches = session.complete(typed)
        names = set(matches) | {typed.rsplit(".", 1)[-1] + insert}
        for name in hidden:
            assert name not in names, f"{typed} completes to {name}"
    for name in hidden:
        assert session.complete(chain + name + ".") == ("", [])  # nothing to follow through
def test_completion_follows_what_the_guest_can_reach(session):
    session.execute("import sys\nclass C:\n    value = 5\n", single=False)
    assert session.complete("C.val") == ("ue", [])
    assert session.complete("sys.std") == ("", ["stderr", "stdin", "stdout"])
    assert session.complete("nothing.here") == ("", [])
