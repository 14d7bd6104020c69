"""`jitvm jit FILE [FUNCTION]`: the program runs in tier 1 (its output on stderr), then the
types, LLVM IR and machine code of what tier 1 compiled print on stdout."""

from __future__ import annotations

import platform
import textwrap
from pathlib import Path

import pytest

from .helpers import run_jitvm

ROOT = Path(__file__).resolve().parents[2]
PROGRAM = '''
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)

def scale(x, k):
    t = 0.0
    for i in range(k):
        t += x * i
    return t

def shout(s):
    return {s: "!"}

def never_called(a):
    return a

print(fib(15))
print(scale(0.5, 10))
print(shout("hi"))
'''


def jitvm(*args, cwd=ROOT):
    return run_jitvm(*args, cwd=cwd)


@pytest.fixture(scope="module")
def prog(tmp_path_factory) -> Path:
    p = tmp_path_factory.mktemp("jitcli") / "prog.py"
    p.write_text(textwrap.dedent(PROGRAM))
    return p


@pytest.fixture(scope="module")
def program_output(prog) -> str:
    r = jitvm("run", str(prog))  # tier 0: the reference
    assert r.returncode == 0, r.stderr
    assert r.stdout
    return r.stdout


def test_ir_of_one_function_and_the_program_output_on_stderr(prog, program_output):
    r = jitvm("jit", str(prog), "fib", "--ir")
    assert r.returncode == 0, r.stderr
    assert r.stderr == program_output  # the program's output, and nothing else
    out = r.stdout
    assert out.startswith(";; fib(n: int) -> int: compiled in ")
    assert "define " in out and "LLVM IR (optimised)" in out
    assert "jitvm_ref" in out  # the objects are symbols, listed with what they stand for
    assert "scale" not in out and "machine code" not in out and "locals:" not in out


def test_raw_ir_is_the_generated_module(prog):
    r = jitvm("jit", str(prog), "scale", "--raw-ir", "-q")
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""  # -q: the program's output is discarded
    assert "as generated" in r.stdout and "define ptr @\"jitfn_entry\"" in r.stdout
    assert "datalayout = \"\"" in r.stdout  # before the engine set the host's layout


def test_asm_is_machine_code_for_this_host(prog):
    r = jitvm("jit", str(prog), "fib", "--asm", "-q")
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "jitfn_entry:" in out and "jitfn_body:" in out
    if platform.machine() in ("x86_64", "AMD64"):
        assert "x86_64" in out and "movabsq" in out and "retq" in out
    elif platform.machine() in ("aarch64", "arm64"):
        assert "ret" in out


def test_types_show_parameters_locals_and_stack(prog):
    r = jitvm("jit", str(prog), "scale", "--types", "-q")
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "scale(x: float, k: int) -> float" in out
    assert "x (local 0): float" in out and "k (local 1): int" in out
    mul = [ln for ln in out.splitlines() if "BINARY_OP *" in ln]
    assert len(mul) == 1 and mul[0].endswith("float, int]")  # x * i: its operands' types
    assert "define" not in out


def test_every_function_with_no_name_refused_ones_say_why(prog, program_output):
    r = jitvm("jit", str(prog), "--types")
    assert r.returncode == 0, r.stderr
    assert r.stderr == program_output
    heads = [ln for ln in r.stdout.splitlines() if ln.startswith(";; ") and ": " in ln
             and "----" not in ln]
    assert [h.split("(")[0].split(":")[0][3:] for h in heads] == ["fib", "scale", "shout"]
    assert ";; shout: not compiled: opcode BUILD_MAP" in r.stdout


def test_default_sections_and_a_refused_function_by_name(prog):
    r = jitvm("jit", str(prog), "fib", "-q")
    assert r.returncode == 0, r.stderr
    for section in ("---- types ----", "LLVM IR (optimised)", "machine code"):
        assert section in r.stdout
    r = jitvm("jit", str(prog), "shout", "-q")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith(";; shout: not compiled: ")
    r = jitvm("jit", str(prog), "never_called", "-q")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("never_called: not compiled: never offered to tier 1")


def test_threshold_is_honoured(prog):
    r = jitvm("jit", str(prog), "--jit-threshold", "1000000", "-q")
    assert r.returncode == 0, r.stderr
    assert "no function" in r.stdout and "define" not in r.stdout


def test_unknown_function_is_a_one_line_error(prog):
    r = jitvm("jit", str(prog), "nosuch", "-q")
    assert r.returncode == 2
    assert r.stdout == ""
    assert r.stderr.count("\n") == 1 and "nosuch" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize("case", ["missing", "folder", "garbage_mpy", "syntax"])
def test_bad_file_is_a_one_line_error(tmp_path, case):
    if case == "missing":
        path = tmp_path / "nope.py"
    elif case == "folder":
        path = tmp_path  # a folder without code.py/main.py
    elif case == "garbage_mpy":
        path = tmp_path / "bad.mpy"
        path.write_bytes(b"M\x06garbage")
    else:
        path = tmp_path / "bad.py"
        path.write_text("def f(:\n")
    r = jitvm("jit", str(path))
    assert r.returncode != 0
    assert r.stdout == ""
    assert "Traceback" not in r.stderr and r.stderr.strip() and r.stderr.count("\n") <= 3, r.stderr
