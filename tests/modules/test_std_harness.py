"""Differential harness: run the same snippets on real MicroPython and on jitvm's guest modules.

Each case is an expression (its value is printed) or a statement block (it prints itself).
Both sides run the same program text; on the host, `import X` resolves to a namespace that
holds only the names in `jitvm.modules.X.__all__`, as the guest would see them.
"""

from __future__ import annotations

import builtins
import contextlib
import importlib
import io
import subprocess
import sys
import textwrap
import types
from pathlib import Path

MICROPYTHON = Path(sys.executable).parent / "micropython"

# Printing helpers shared by both sides: floats are rounded so libm's last-bit noise and the two
# float printers do not matter; dicts and sets are sorted because MicroPython's are unordered.
_PRELUDE = """
def _fmt(v):
    t = type(v)
    if t is float:
        return 'F(%.12g)' % v
    if t is str:
        return 'S(' + ''.join([c if 32 <= ord(c) < 127 else '<U+%04x>' % ord(c) for c in v]) + ')'
    if t is complex:
        return 'C(%s,%s)' % (_fmt(v.real), _fmt(v.imag))
    if t is list:
        return '[' + ', '.join([_fmt(x) for x in v]) + ']'
    if t is tuple:
        return '(' + ', '.join([_fmt(x) for x in v]) + ')'
    if isinstance(v, dict):  # MicroPython fixed dicts and jitvm dict subclasses alike
        return '{' + ', '.join(sorted([_fmt(k) + ': ' + _fmt(x) for k, x in v.items()])) + '}'
    if t is set:
        return 'set(' + ', '.join(sorted([_fmt(x) for x in v])) + ')'
    return repr(v)

def _r(f):
    try:
        v = f()
        if v is not None:
            print(_fmt(v))
    except Exception as e:
        print('EXC', type(e).__name__, _fmt(e.args))
    print('--')
"""


def build_program(setup: str, cases: list[str]) -> str:
    """Return one program that runs every case and ends each case's output with '--'."""
    parts = [_PRELUDE, textwrap.dedent(setup)]
    for i, case in enumerate(cases):
        try:
            compile(case, "<case>", "eval")
            parts.append(f"_r(lambda: ({case}))")
        except SyntaxError:
            body = textwrap.indent(textwrap.dedent(case).strip(), "    ")
            parts.append(f"def _case{i}():\n{body}\n_r(_case{i})")
    return "\n".join(parts) + "\n"


def run_micropython(program: str, path: list[str] | None = None, timeout: float = 60) -> str:
    """Run a program on the real MicroPython binary and return its stdout (stderr appended)."""
    if path:
        program = "import sys\n" + "".join(f"sys.path.insert(0, {p!r})\n" for p in path) + program
    proc = subprocess.run(
        [str(MICROPYTHON), "-X", "heapsize=64M", "-c", program],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    return proc.stdout + proc.stderr


def guest_view(name: str) -> types.ModuleType:
    """Return a module object holding only the names the guest sees of jitvm.modules.<name>."""
    mod = importlib.import_module(f"jitvm.modules.{name}")
    view = types.ModuleType(name)
    for attr in mod.__all__:
        setattr(view, attr, getattr(mod, attr))
    return view


def run_host(program: str, modules: list[str]) -> str:
    """Run a program in CPython with `import <name>` bound to jitvm's guest modules (in the
    MicroPython flavour, what they are compared with)."""
    from jitvm.modules import _hw

    _hw.set_flavor("micropython")
    views = {m: guest_view(m) for m in modules}
    real_import = builtins.__import__

    def guest_import(name, globals=None, locals=None, fromlist=(), level=0):
        if name in views:
            return views[name]
        return real_import(name, globals, locals, fromlist, level)

    env_builtins = dict(vars(builtins))
    env_builtins["__import__"] = guest_import
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(program, "<host>", "exec"), {"__builtins__": env_builtins})  # noqa: S102
    return out.getvalue()


def split_cases(output: str) -> list[str]:
    return output.split("--\n")


def compare(modules: list[str], setup: str, cases: list[str]) -> list[str]:
    """Run cases on both sides; return a list of human-readable mismatches (empty = all agree)."""
    program = build_program(setup, cases)
    mp_out = split_cases(run_micropython(program))
    host_out = split_cases(run_host(program, modules))
    problems = []
    for i, case in enumerate(cases):
        mp = mp_out[i] if i < len(mp_out) else "<missing>"
        host = host_out[i] if i < len(host_out) else "<missing>"
        if mp != host:
            problems.append(f"case {i}: {case!r}\n  micropython: {mp!r}\n  jitvm:       {host!r}")
    if len(mp_out) != len(cases) + 1:
        problems.append(f"micropython output has trailing/missing parts: {mp_out[len(cases) :]!r}")
    return problems


def micropython_dir(name: str) -> set[str]:
    """Names MicroPython's own module exposes, without dunders."""
    out = run_micropython(f"import {name}\nfor n in dir({name}): print(n)")
    return {n for n in out.split() if not n.startswith("_")}


def assert_same(modules: list[str], setup: str, cases: list[str]) -> None:
    problems = compare(modules, setup, cases)
    assert not problems, "\n".join(problems)


def test_harness_reports_a_difference() -> None:
    # 1/3 prints the same on both; sys.implementation.name differs, so the harness must see it.
    problems = compare([], "import sys", ["1/3", "sys.implementation.name"])
    assert len(problems) == 1 and "case 1" in problems[0]


def test_harness_formats_exceptions_alike() -> None:
    assert_same([], "", ["{}['k']", "[1, 2.5, (3, {'b': 1, 'a': 2})]", "print('hi')"])
