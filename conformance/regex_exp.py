"""Expected outputs with unstable parts, matched as MicroPython's run-tests.py matches them.

For a few tests (memory figures, addresses) each `.exp` line is a pattern: ``\\d\\+`` style escapes
mean regex syntax and the other regex characters are literal; a line of eight ``#`` matches any
number of whole lines up to the next pattern. The test's output is rewritten line by line into
the `.exp` text where it matches, then compared exactly.
"""

from __future__ import annotations

import re

# the tests run-tests.py treats this way (tests_with_regex_output), category/name
REGEX_OUTPUT_TESTS = frozenset({
    "micropython/meminfo.py", "basics/bytes_compare3.py", "basics/builtin_help.py",
    "basics/weakref_callback_exception.py", "misc/sys_settrace_cov.py",
    "net_inet/tls_text_errors.py", "unix/extra_coverage.py", "thread/thread_exc2.py",
    "esp32/partition_ota.py",
})
_ANY_LINES = b"########\n"
_LITERAL = set("()[]{}.*+^$")


def pattern(line: bytes) -> re.Pattern:
    """One `.exp` line as a regex: a backslash makes the next character regex syntax."""
    out, escaped = [], False
    for c in line.decode("utf-8", "replace"):
        if escaped:
            out.append(c)
            escaped = False
        elif c == "\\":
            escaped = True
        else:
            out.append("\\" + c if c in _LITERAL else c)
    if out and out[-1] == "\n":
        out[-1] = "\r*\n"
    return re.compile("".join(out).encode())


def normalise(output: bytes, exp: bytes) -> bytes:
    """``output`` with each line the `.exp` pattern matches replaced by the pattern's text."""
    wanted = exp.splitlines(keepends=True)
    lines = [line + b"\n" for line in output.split(b"\n")]
    if output.endswith(b"\n"):
        lines = lines[:-1]
    at = 0
    for k, want in enumerate(wanted):
        if want == _ANY_LINES:
            if k + 1 >= len(wanted):
                del lines[at:]
                lines.append(_ANY_LINES)
                break
            nxt = pattern(wanted[k + 1])
            skip = 0
            while at + skip < len(lines) and not nxt.match(lines[at + skip]):
                skip += 1
            if at + skip >= len(lines):
                lines[at:at + 1] = [b"######## FAIL\n"]
                break
            lines[at:at + skip] = [_ANY_LINES]
        elif at < len(lines) and pattern(want).match(lines[at]):
            lines[at] = want
        at += 1
        if at >= len(lines):
            break
    return b"".join(lines)
