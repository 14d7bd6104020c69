"""Property tests: random bytes, truncations and byte flips only ever raise MpyFormatError."""

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mpy import MpyFormatError, read_mpy, write_mpy
from mpy.dis import disassemble

SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))


def _parse(data: bytes) -> None:
    try:
        m = read_mpy(data, "fuzz.mpy")
    except MpyFormatError as e:
        assert "fuzz.mpy" in str(e) and "\n" not in str(e)
        return
    disassemble(m)
    write_mpy(m)


@SETTINGS
@given(st.binary(max_size=300))
def test_random_bytes(data):
    _parse(data)


@SETTINGS
@given(st.binary(max_size=200))
def test_random_bytes_after_a_valid_header(data):
    _parse(b"M\x06\x00\x1f" + data)


@SETTINGS
@given(st.binary(max_size=200))
def test_random_bytes_after_a_version_5_header(data):
    _parse(b"M\x05\x02\x1f\x20" + data)  # read by conversion (mpy.older)


def test_byte_flips_of_real_fixtures(fixtures):
    rnd = random.Random(1234)
    datas = [f.path.read_bytes() for f in fixtures]
    for _ in range(3000):
        b = bytearray(rnd.choice(datas))
        for _ in range(rnd.randint(1, 3)):
            b[rnd.randrange(len(b))] = rnd.randrange(256)
        _parse(bytes(b))


@SETTINGS
@given(st.data())
def test_hypothesis_flips_and_cuts(fixtures, data):
    f = data.draw(st.sampled_from(fixtures))
    b = bytearray(f.path.read_bytes())
    for _ in range(data.draw(st.integers(1, 4))):
        b[data.draw(st.integers(0, len(b) - 1))] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(0, len(b)))
    _parse(bytes(b[:cut]))


def test_huge_counts_do_not_allocate():
    # a count of 2**62 objects must be refused before anything is allocated
    _parse(b"M\x06\x00\x1f\x01" + b"\xff" * 8 + b"\x7f")
