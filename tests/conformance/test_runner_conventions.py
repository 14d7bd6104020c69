"""MicroPython's run-tests.py conventions the harness follows: `.exp` lines as patterns for the
tests it lists (tests_with_regex_output), and the tests it skips when running through .mpy."""

from __future__ import annotations

from conformance.regex_exp import normalise, pattern


def test_a_pattern_line_escapes_regex_characters_unless_backslashed():
    # as the .exp files spell it: "\\d\+" is the regex \d+
    assert pattern(rb"GC: total: \\d\+, used: \\d\+" + b"\n").match(b"GC: total: 2048, used: 12\n")
    assert not pattern(rb"GC: total: \\d\+" + b"\n").match(b"GC: total: x\n")
    assert pattern(b"a (b) [c].\n").match(b"a (b) [c].\n")
    assert not pattern(b"a.c\n").match(b"abc\n")  # '.' is literal unless written '\\.'


def test_eight_hashes_match_any_number_of_lines_up_to_the_next_pattern():
    exp = b"start\n########\nQ(SKIP)\n"
    assert normalise(b"start\nQ(a)\nQ(b)\nQ(SKIP)\n", exp) == exp
    assert normalise(b"start\nQ(SKIP)\n", exp) == exp
    assert normalise(b"start\nQ(a)\n", exp) != exp  # the line after the hashes never came


def test_unmatched_lines_stay_as_printed():
    exp = rb"mem: total=\\d\+" + b"\nend\n"
    assert normalise(b"mem: total=12\nend\n", exp) == exp
    assert normalise(b"mem: total=lots\nend\n", exp) == b"mem: total=lots\nend\n"
