"""Behaviours real libraries ran into (issue: compatibility), each against what MicroPython
1.29's unix port or CircuitPython does."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path


def run(folder: Path, src: str, *opts: str, name: str = "main.py"):
    (folder / name).write_text(textwrap.dedent(src))
    return subprocess.run([sys.executable, "-m", "jitvm", "run", *opts, str(folder / name)],
                          capture_output=True, text=True, timeout=120)


def test_from_package_import_reports_the_submodules_own_import_error(tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "sub.py").write_text("import network_that_is_not_here\n")
    r = run(tmp_path, """
        try:
            from pkg import sub
        except ImportError as e:
            print(e)
        try:
            from pkg import missing
        except ImportError as e:
            print(e)
    """)
    assert r.stdout == "no module named 'network_that_is_not_here'\nno module named 'pkg.missing'\n", \
        r.stdout + r.stderr


def test_module_getattr_and_module_attribute_error_text(tmp_path):
    (tmp_path / "gm.py").write_text(
        "x = 1\ndef __getattr__(name):\n    if name == 'dyn':\n        return 42\n"
        "    raise AttributeError(name)\n")
    src = """
        import gm, sys
        from gm import dyn
        print(gm.x, gm.dyn, dyn)
        for m, n in ((gm, 'nope'), (sys, 'nope')):
            try:
                getattr(m, n)
            except AttributeError as e:
                print(e)
    """
    r = run(tmp_path, src)
    assert r.stdout == "1 42 42\nnope\nmodule 'sys' has no attribute 'nope'\n", r.stdout + r.stderr
    r = run(tmp_path, src, "--flavor", "circuitpython")
    assert r.stdout.endswith("'module' object has no attribute 'nope'\n"), r.stdout + r.stderr


def test_circuitpython_has_its_extra_exceptions_and_micropython_not(tmp_path):
    src = """
        for n in ("TimeoutError", "ConnectionError", "BrokenPipeError"):
            try:
                c = eval(n)
                print(n, issubclass(c, OSError))
            except NameError:
                print(n, "missing")
        if "BrokenPipeError" in dir(__import__("builtins")):
            try:
                raise BrokenPipeError(32)
            except ConnectionError as e:
                print(repr(e), e.errno)
    """
    r = run(tmp_path, src, "--flavor", "circuitpython")
    assert r.stdout == ("TimeoutError True\nConnectionError True\nBrokenPipeError True\n"
                        "BrokenPipeError(32,) 32\n"), r.stdout + r.stderr
    r = run(tmp_path, src)
    assert r.stdout == "TimeoutError missing\nConnectionError missing\nBrokenPipeError missing\n", \
        r.stdout + r.stderr


def test_coroutines_have_await_in_circuitpython_and_tracebacks_clear(tmp_path):
    src = """
        async def f():
            return 7
        c = f()
        print(hasattr(c, "__await__"))
        it = c.__await__() if hasattr(c, "__await__") else c
        try:
            next(it)
        except StopIteration as e:
            print("value", e.value)
        e = ValueError(1)
        e.__traceback__ = None  # MicroPython's asyncio does this
        try:
            print("read", e.__traceback__)
        except AttributeError as x:
            print(x)
        try:
            e.__traceback__ = 5
        except AttributeError as x:
            print(x)
    """
    r = run(tmp_path, src, "--flavor", "circuitpython")
    assert r.stdout.splitlines()[:3] == ["True", "value 7", "read None"], r.stdout + r.stderr
    r = run(tmp_path, src)
    assert r.stdout.splitlines() == [
        "False", "value 7", "'ValueError' object has no attribute '__traceback__'",
        "'ValueError' object has no attribute '__traceback__'"], r.stdout + r.stderr


def test_module_search_order_follows_each_firmware(tmp_path):
    (tmp_path / "lib" / "asyncio").mkdir(parents=True)
    (tmp_path / "lib" / "board.py").write_text("NAME = 'lib board'\n")
    (tmp_path / "lib" / "machine.py").write_text("NAME = 'lib machine'\n")
    (tmp_path / "lib" / "asyncio" / "__init__.py").write_text("NAME = 'lib asyncio'\n")
    (tmp_path / "m.py").write_text("NAME = 'm.py'\n")
    (tmp_path / "other.py").write_text("NAME = 'm.mpy'\n")
    subprocess.run([sys.executable, "-m", "jitvm", "compile", str(tmp_path / "other.py"), "-o",
                    str(tmp_path / "m.mpy")], check=True, capture_output=True, timeout=120)
    src = """
        import board, machine, asyncio, m
        print(getattr(board, "NAME", "built-in"), getattr(machine, "NAME", "built-in"),
              getattr(asyncio, "NAME", "frozen"), m.NAME)
    """
    r = run(tmp_path, src)
    assert r.stdout == "lib board built-in frozen m.py\n", r.stdout + r.stderr
    r = run(tmp_path, src, "--flavor", "circuitpython")
    assert r.stdout == "built-in lib machine lib asyncio m.py\n", r.stdout + r.stderr


def test_one_circuitpython_version_and_the_boards_platform(tmp_path):
    src = """
        import sys
        print(sys.implementation.version[0], sys.platform)
    """
    assert run(tmp_path, src, "--flavor", "circuitpython").stdout == "10 linux\n"
    assert run(tmp_path, src, "--flavor", "circuitpython", "--layout",
               "raspberry_pi_pico").stdout == "10 RP2040\n"
    assert run(tmp_path, src, "--layout", "raspberry_pi_pico").stdout == "1 rp2\n"
    assert run(tmp_path, src).stdout == "1 linux\n"
    # CircuitPython 10's compiler, as MicroPython's since 1.23: no leading zeros
    r = run(tmp_path, "print(01)\n", "--flavor", "circuitpython")
    assert r.returncode == 1 and "SyntaxError" in r.stdout + r.stderr


def test_busy_polling_the_clock_ends_in_about_its_virtual_time(tmp_path):
    t0 = time.monotonic()
    r = run(tmp_path, """
        import time
        t0 = time.ticks_ms()
        n = 0
        while time.ticks_diff(time.ticks_ms(), t0) < 5000:
            n += 1
        waited = time.ticks_diff(time.ticks_ms(), t0)
        print(5000 <= waited < 5700, n < 10000)
    """)
    assert r.stdout == "True True\n", r.stdout + r.stderr
    assert time.monotonic() - t0 < 60  # generous: shared machines; it was ~43 s of polling


def test_mpy_cross_version_without_its_patch_number(tmp_path):
    (tmp_path / "a.py").write_text("print(1)\n")
    r = subprocess.run([sys.executable, "-m", "jitvm", "compile", "--mpy-cross-version", "1.22",
                        str(tmp_path / "a.py"), "-o", str(tmp_path / "a.mpy")],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "a.mpy").read_bytes()[:2] == b"M\x06"


def test_run_path_adds_a_read_only_module_folder(tmp_path):
    lib = tmp_path / "helpers"
    lib.mkdir()
    (lib / "helpmod.py").write_text("X = 42\n")
    (tmp_path / "outside.py").write_text("SECRET = 1\n")
    prog = tmp_path / "prog"
    prog.mkdir()
    r = run(prog, """
        import sys, helpmod
        print(helpmod.X, helpmod.__file__, sys.path[-1])
        sys.path.append(sys.path[-1] + "/..")
        try:
            import outside
        except ImportError as e:
            print("ImportError", e)
    """, "--path", str(lib))
    assert r.stdout == ("42 .path/0/helpmod.py .path/0\n"
                        "ImportError no module named 'outside'\n"), r.stdout + r.stderr


def test_exception_line_always_has_the_colon_and_a_cleared_traceback_starts_again(tmp_path):
    r = run(tmp_path, """
        import io, sys
        e = KeyError()
        def f():
            raise e
        for _ in range(2):
            try:
                f()
            except KeyError:
                pass
        e.__traceback__ = None
        try:
            f()
        except KeyError:
            pass
        out = io.StringIO()
        sys.print_exception(e, out)
        print(repr(out.getvalue()))
        print(io.BytesIO(64).getvalue(), io.StringIO(8).getvalue() == "")
        """)
    assert r.returncode == 0, r.stdout + r.stderr
    first = r.stdout.splitlines()[0]
    assert first.count("line 5, in f") == 1 and first.endswith("KeyError: \\n'"), first
    assert r.stdout.splitlines()[1] == "b'' True"


def test_circuitpython_chains_exceptions_and_micropython_does_not(tmp_path):
    src = """
        def show(e):
            print(type(e).__name__, type(e.__context__).__name__, e.__suppress_context__,
                  type(e.__cause__).__name__)
        for case in range(3):
            try:
                try:
                    1 / 0
                except Exception as inner:
                    if case == 0:
                        raise RuntimeError() from inner
                    if case == 1:
                        raise RuntimeError() from None
                    [][1]
            except Exception as e:
                show(e)
        """
    r = run(tmp_path, src, "--flavor", "circuitpython")
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.splitlines() == [
        "RuntimeError ZeroDivisionError True ZeroDivisionError",
        "RuntimeError ZeroDivisionError True NoneType",
        "IndexError ZeroDivisionError False NoneType"]
    r = run(tmp_path, src)  # MicroPython: no chain to read
    assert "AttributeError" in r.stdout and "Warning: exception chaining not supported" in r.stdout
