"""Errors printed as the firmware prints them. Expected texts come from the real MicroPython
1.29 unix binary (syntax errors, deep recursion, `Name: ` for an exception without
arguments) and from CircuitPython's `locale/circuitpython.pot` (deinitialised objects)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def jitvm(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.run([sys.executable, "-m", "jitvm", *args], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=60)


def test_syntax_error_in_an_imported_module_names_it(tmp_path):
    (tmp_path / "main.py").write_text("import mod\n")
    (tmp_path / "mod.py").write_text("x = 1\ndef f(:\n    pass\n")
    run = jitvm("run", "main.py", cwd=tmp_path)
    assert run.returncode == 1
    assert run.stdout == ('Traceback (most recent call last):\n'
                          '  File "main.py", line 1, in <module>\n'
                          '  File "mod.py", line 2\n'
                          'SyntaxError: invalid syntax\n'), run.stdout + run.stderr


def test_syntax_error_in_the_program_prints_on_stdout(tmp_path):
    (tmp_path / "p.py").write_text("  x = 1\n")
    run = jitvm("run", "p.py", cwd=tmp_path)
    assert run.returncode == 1
    assert run.stdout == ('Traceback (most recent call last):\n  File "p.py", line 1\n'
                          'IndentationError: unexpected indent\n'), run.stdout + run.stderr
    assert run.stderr == ""


def test_caught_syntax_error_of_an_import(tmp_path):
    (tmp_path / "p.py").write_text("try:\n    import bad\nexcept SyntaxError as e:\n"
                                   "    print(repr(e))\n")
    (tmp_path / "bad.py").write_text("def g(\n")
    run = jitvm("run", "p.py", cwd=tmp_path)
    assert run.stdout == "SyntaxError('invalid syntax',)\n", run.stdout + run.stderr


def test_recursion_overflow_traceback_is_capped(tmp_path):
    (tmp_path / "r.py").write_text("def f(n):\n    return f(n + 1) + 1\nf(0)\n")
    run = jitvm("run", "r.py", cwd=tmp_path)
    lines = run.stdout.splitlines()
    assert run.returncode == 1
    assert lines[0] == "Traceback (most recent call last):"
    assert lines[-1] == "RuntimeError: maximum recursion depth exceeded"
    # one line per frame, the innermost 1000 kept (MicroPython's default sys.tracebacklimit)
    assert set(lines[1:-1]) == {'  File "r.py", line 2, in f'}
    assert len(lines) == 1002, len(lines)


def test_exception_without_arguments_prints_name_colon_space(tmp_path):
    (tmp_path / "e.py").write_text("raise ValueError\n")
    run = jitvm("run", "e.py", cwd=tmp_path)
    assert run.stdout.endswith("\nValueError: \n"), repr(run.stdout)


def test_deinitialised_objects_raise_valueerror(tmp_path):
    (tmp_path / "code.py").write_text(
        "import board, digitalio, busio\n"
        "for make, use in ((lambda: digitalio.DigitalInOut(board.D5), lambda o: o.value),\n"
        "                  (lambda: busio.I2C(board.SCL, board.SDA), lambda o: o.scan())):\n"
        "    o = make()\n    o.deinit()\n"
        "    try:\n        use(o)\n"
        "    except ValueError as e:\n        print(type(e).__name__, e)\n")
    run = jitvm("run", ".", cwd=tmp_path)
    text = "ValueError Object has been deinitialized and can no longer be used. Create a new object.\n"
    assert run.stdout == text * 2, run.stdout + run.stderr


def test_heap_takes_suffixes_and_timeout_refuses_negatives(tmp_path):
    (tmp_path / "h.py").write_text("print('ok')\n")
    assert jitvm("run", "--heap", "64m", "h.py", cwd=tmp_path).stdout == "ok\n"
    assert jitvm("run", "--heap", "1m", "h.py", cwd=tmp_path).stdout == "ok\n"
    small = jitvm("run", "--heap", "64k", "h.py", cwd=tmp_path)
    assert small.returncode == 2, small.stdout + small.stderr
    assert small.stderr == "jitvm: --heap 65536 is too small to start the VM\n", small.stderr
    bad = jitvm("run", "--heap", "12q", "h.py", cwd=tmp_path)
    assert bad.returncode == 2 and "invalid size: '12q'" in bad.stderr
    neg = jitvm("run", "--timeout", "-1", "h.py", cwd=tmp_path)
    assert neg.returncode == 2 and neg.stderr.strip() == "jitvm: --timeout must be > 0"
