"""Bad .mpy input: one line naming file, offset and reason on stderr, exit 2."""

import subprocess
import sys

import pytest

from mpy import MpyFormatError, read_mpy


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "jitvm", *args], capture_output=True, text=True)


def _sample(fixtures):
    return next(f for f in fixtures if f.sample == "classes.py" and f.compiler == "current").path.read_bytes()


@pytest.mark.parametrize("data,needle", [
    (b"X\x06\x00\x1f\x01\x00", "bad magic"),
    (b"M\x07\x00\x1f\x01\x00", "version 7"),
    (b"M\x05\x00\x1f\x01\x00", ".mpy v5"),
    (b"M\x04\x00\x1f\x01\x00", ".mpy v4"),
    (b"M\x03\x00\x1f\x01\x00", ".mpy v3"),
    (b"M\x02\x00\x1f\x01\x00", "version 2 (MicroPython 1.9-1.9.2)"),
    (b"M\x06\x3c\x1f\x01\x00", "arch"),
    (b"M\x06", "truncated"),
    (b"", "truncated"),
])
def test_bad_headers_get_one_line_and_exit_2(tmp_path, data, needle):
    p = tmp_path / "bad.mpy"
    p.write_bytes(data)
    r = run_cli("info", str(p))
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0] and str(p) in lines[0] and "Traceback" not in r.stderr
    assert r.stdout == ""


def test_versions_before_3_say_which_are_supported():
    for v in (0, 1, 2):
        with pytest.raises(MpyFormatError, match="versions 3 to 6 are supported"):
            read_mpy(bytes((0x4D, v, 0, 0x1F)))


def test_every_truncation_is_rejected_with_an_offset(fixtures):
    data = _sample(fixtures)
    for i in range(len(data)):
        with pytest.raises(MpyFormatError) as e:
            read_mpy(data[:i], "t.mpy")
        assert e.value.offset is not None and e.value.offset <= i


def test_corrupt_lengths_are_rejected(fixtures):
    data = bytearray(_sample(fixtures))
    # qstr count claims more entries than the file could hold
    with pytest.raises(MpyFormatError, match="qstr count"):
        read_mpy(bytes(data[:4]) + b"\xff\xff\x7f\x00")
    # a string constant longer than what is left
    with pytest.raises(MpyFormatError):
        read_mpy(b"M\x06\x00\x1f\x01\x01\x02a\x00\x05\x8f\x7fxyz")


def test_truncated_file_via_cli_names_file_and_offset(tmp_path, fixtures):
    p = tmp_path / "trunc.mpy"
    p.write_bytes(_sample(fixtures)[:60])
    r = run_cli("dis", str(p))
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and "trunc.mpy at byte" in r.stderr


def test_missing_file_is_one_line():
    r = run_cli("dis", "/nonexistent/x.mpy")
    assert r.returncode == 2 and r.stderr.strip().count("\n") == 0


def test_syntax_error_from_mpy_cross_is_reported(tmp_path):
    p = tmp_path / "bad.py"
    p.write_text("x = (\n")
    r = run_cli("compile", str(p))
    assert r.returncode == 2 and "SyntaxError" in r.stderr and "jitvm/" not in r.stderr
