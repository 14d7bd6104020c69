"""jitvm's `re` against the real MicroPython binary: re1.5's limits, depth, offsets and templates."""

import importlib.util
from pathlib import Path

_spec = importlib.util.spec_from_file_location(
    "std_harness", Path(__file__).with_name("test_std_harness.py")
)
harness = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(harness)

SETUP = """
import re
def g(m, n=0):
    return None if m is None else m.group(n)
def c(p):
    try:
        re.compile(p)
        return 'ok'
    except ValueError as e:
        return str(e)
"""

# Program-size limits: jump offsets are signed bytes, 63 groups, 127 class entries.
LIMIT_CASES = [
    "c('[' + 'a' * 127 + ']'), c('[' + 'a' * 128 + ']')",
    "c('[' + 'a-b' * 128 + ']'), c('[' + '\\\\d' * 127 + ']')",
    "c('(a)' * 63), c('(a)' * 64), c('(?:a)' * 200)",
    "c('(' + 'a' * 61 + ')?'), c('(' + 'a' * 62 + ')?')",
    "c('(' + 'a' * 60 + ')*'), c('(' + 'a' * 60 + '.)*')",
    "c('(' + 'a' * 61 + ')+'), c('(' + 'a' * 62 + ')+')",
    "c('b' * 62 + '|a'), c('b' * 63 + '|a')",
    "c('a|' + 'b' * 63), c('a|' + 'b' * 64 + '|c'), c('a|b|' + 'c' * 60)",
    "c('(a|' + 'b' * 62 + ')'), c('x' * 300)",
    "c('a)'), c('(a'), c('(' + 'a' * 62 + ')?)'), c('a|b)')",
    "c('^*'), c('$+'), c('a|*'), c('a**'), c('(?x)'), c('[a-'), c('[\\\\'), c('a\\\\')",
    "c('a*?'), c('a+?'), c('a??'), c('a*??'), c('[]'), c('[^]')",
    "g(re.match('a\\0b', 'ac'))",
]

# The matcher's recursion: loops over empty matches overflow, as do very long greedy runs.
DEPTH_CASES = [
    "re.match('(a*)*', 'aaa')",
    "re.match('(a*)+', 'b')",
    "re.match('(a|b*)*', 'ab')",
    "re.match('x(a*)*', 'yyy')",
    "re.search('x(a*)*', 'yyy')",
    "g(re.match('b|(a*)*', 'b'))",
    "g(re.match('(a*)*?', 'aa'))",
    "re.match('(^)*', 'aa')",
    "g(re.match('($)*', 'aa'))",
    "g(re.match('.*', 'a' * 500))",
    "re.match('.*', 'a' * 3000)",
    "re.match('(a)*', 'a' * 1000)",
    "g(re.search('b', 'a' * 3000 + 'b'))",
    "re.sub('\\\\s+', '-', 'a  b ' * 300)[:20]",
    "g(re.search('(ab|cd)+e', 'xy' * 200 + 'abcdabe'), 1)",
    "len(re.compile(',').split('a,' * 700))",
]

# Compiled patterns take pos and endpos (byte offsets); module functions ignore them.
POS_CASES = [
    "g(re.compile('a').match('aaa', 1, 2))",
    "re.compile('a').match('aab', 2, 3)",
    "g(re.compile('a$').search('aab', 0, 2))",
    "re.compile('^a').search('baa', 1)",
    "g(re.compile('a+').search('aaaa', 1, 3))",
    "g(re.compile('b').search('ab', -5, 99))",
    "re.compile('b').search('ab', 1, 0)",
    "g(re.match('a', 'baa', 1)), g(re.search('a', 'baa', 2, 2))",
    "g(re.match(re.compile('a'), 'baa', 1))",
    "re.compile('a').match('ab', 'x')",
    "re.compile('b').search('ab', 1.0)",
    "re.compile('a').match('a', 1, 2, 3)",
    "re.match('a', 'a', 1, 2, 3)",
    "re.match('a')",
    "re.compile()",
    "re.compile('a', 0, 1)",
    "re.compile('a').sub('b')",
    "re.compile('a').split()",
    "re.compile('a').split('a', 1, 2)",
    "re.sub('a', 'b', 'c', 1, 0, 9)",
    "re.compile('é').search('xé', 1) is not None",
    "re.compile('é').search('xé', 2)",
]

# Templates, split, classes and types as re1.5 treats them.
SUB_CASES = [
    "re.sub('b', '\\\\\\\\b', 'abc')",
    "re.sub('a', '\\\\n\\\\g<x>\\\\q', 'bab')",
    "re.sub('(a)', '[\\\\g<1]', 'bab'), re.sub('(a)', '[\\\\g<1>>]', 'bab')",
    "re.sub('(a)', '[\\\\0]', 'bab'), re.sub('(a)', 'x\\\\', 'bab')",
    "re.sub('(a)', '\\\\4294967297', 'bab')",
    "re.sub('(a)', '\\\\2', 'bab')",
    "re.sub('(a)', b'x', 'bab'), re.sub('(a)', 'x', b'bab')",
    "re.sub('(a)', lambda m: b'y', 'bab')",
    "re.sub('(a)', lambda m: 1, 'bab')",
    "re.sub('(a)', 1, 'bbb')",
    "re.sub('a', 'x\\0y', 'a')",
    "re.compile('a').sub('b', 'aaa', 1, 5)",
    "re.sub('a', 'b', 'aaa', -1)",
    "s = 'xyz'\nprint(re.sub('q', 'r', s) is s)",
    "re.sub('é', '\\xff', b'\\xc3\\xa9')",
    "re.sub('(a)|b', '[\\\\1]', 'ab')",
    "re.compile('(a)').split('bbb')",
    "re.compile('(a)').split('bab')",
    "re.compile(',').split('a,b,c', -1), re.compile(',').split('a,b,c', 2)",
    "re.compile('.').split('é')",
    "re.match(bytearray(b'a'), 'a')",
    "re.match('a', bytearray(b'a'))",
    "re.sub('a', 'b', bytearray(b'a'))",
    "g(re.match('[a-\\xe9]', 'b'))",
    "g(re.match(b'[a-\\xe9]', b'\\xf0'))",
    "g(re.match(b'[\\xf0-a]', b'\\xf5')), g(re.match(b'[\\xf0-a]', b'a')), g(re.match(b'[\\xf0-a]', b'b'))",
    "g(re.match(b'[^\\x80-\\xff]', b'\\x85')), g(re.match(b'[\\\\w]+', b'ab\\xe9'))",
    "g(re.match('[\\\\d-z]+', '1-z'))",
    "g(re.match('[a-\\\\]+', 'a]')), g(re.match('[\\\\]-a]+', '^_'))",
    "g(re.match('(?:(a)|b)*', 'ab'), 1)",
    "g(re.match('(a|ab)(c|bcd)(d*)', 'abcd'), 3)",
    "g(re.search('a{2}|}', 'x}'))",
    "re.match('(a)(b)?', 'a').group(3)",
    "re.match('(a)', 'a').group(-1)",
]


def test_re_program_limits_match_micropython() -> None:
    harness.assert_same(["re"], SETUP, LIMIT_CASES)


def test_re_matcher_depth_matches_micropython() -> None:
    harness.assert_same(["re"], SETUP, DEPTH_CASES)


def test_re_positions_and_argument_counts_match_micropython() -> None:
    harness.assert_same(["re"], SETUP, POS_CASES)


def test_re_templates_split_and_classes_match_micropython() -> None:
    harness.assert_same(["re"], SETUP, SUB_CASES)


def test_re_match_offsets_count_characters() -> None:
    # Boards with the span option report offsets in characters for str subjects.
    import jitvm.modules.re as mod

    m = mod.compile("b(x)?").search("ééb", 2)
    assert (m.start(), m.end(), m.span(1)) == (2, 3, (-1, -1))
    assert mod.compile("b").search(b"\xc3\xa9b").span() == (2, 3)


def test_re_own_matcher_agrees_with_host_path() -> None:
    # The same search through both engines: the host pattern is only a shortcut.
    from jitvm.modules import _re15

    cases = [
        ("(ab|cd)+e", b"xxabcdabe"), ("a*?b", b"aab"), ("(a)|(b)", b"b"), ("[^a-c]+", b"abxyc"),
        ("a(b+)c$", b"zabbc"), ("^ab", b"cab"), ("x?y??z", b"xyz"), ("(a(b)?)+", b"aab"),
    ]  # fmt: skip
    for pattern, data in cases:
        prog = _re15.Program(pattern.encode())
        assert prog.host is not None
        for anchored in (False, True):
            m = (prog.host.match if anchored else prog.host.search)(data)
            own = _re15.run(prog, data, 0, len(data), anchored)
            host = None if m is None else [x for i in range(prog.groups + 1) for x in m.span(i)]
            host = host and [None if x < 0 else x for x in host]
            assert own == host, (pattern, data, anchored)


def _random_cases(seed: int, n: int) -> list[str]:
    """Small random patterns over the whole dialect (groups, classes, anchors, lazy and greedy
    repeats, empty branches) and short subjects: match, search and sub."""
    import random

    rnd = random.Random(seed)
    atoms = ["a", "b", ".", "[ab]", "[^a]", "\\\\d", "x", "(a)", "(?:ab)", "^", "$", "(a|b)",
             "(a|)", "()"]

    def pattern(depth: int = 0) -> str:
        out = ""
        for _ in range(rnd.randint(1, 4)):
            if depth < 2 and rnd.random() < 0.25:
                out += "(" + pattern(depth + 1) + ")"
            elif rnd.random() < 0.15:
                out += "|"
            else:
                out += rnd.choice(atoms)
            if rnd.random() < 0.35:
                out += rnd.choice(["*", "+", "?", "*?", "+?", "??"])
        return out

    cases = []
    for _ in range(n):
        p = pattern()
        s = "".join(rnd.choice("abx1") for _ in range(rnd.randint(0, 8)))
        cases.append(f"groups(re.{rnd.choice(['match', 'search'])}({p!r}, {s!r}))")
        cases.append(f"re.sub({p!r}, '-', {s!r})")
    return cases


def test_random_patterns_match_micropython() -> None:
    setup = SETUP + """
def groups(m):
    if m is None:
        return None
    out = []
    for i in range(10):
        try:
            out.append(m.group(i))
        except IndexError:
            return out
"""
    harness.assert_same(["re"], setup, _random_cases(2026, 300))


def test_deep_nesting_overflows_as_on_the_firmware(tmp_path) -> None:
    # Through `jitvm run` (the guest's recursion settings), module level as the firmware counts.
    import subprocess
    import sys

    src = (
        "import re\n"
        "for n in (100, 700, 900, 5000):\n"
        "    try:\n"
        "        print(n, re.compile('(?:' * n + 'a' + ')' * n).match('a'))\n"
        "    except RuntimeError as e:\n"
        "        print(n, 'RuntimeError', e)\n"
        "try:\n"
        "    re.compile('(' * 3000 + ')' * 3000)\n"
        "except Exception as e:\n"
        "    print(type(e).__name__, e)\n"
    )
    prog = tmp_path / "nest.py"
    prog.write_text(src)
    mp = subprocess.run([str(harness.MICROPYTHON), str(prog)], capture_output=True, text=True,
                        timeout=60, check=False)
    ours = subprocess.run([sys.executable, "-m", "jitvm", "run", str(prog)], capture_output=True,
                          text=True, timeout=120, check=False)
    assert ours.stdout == mp.stdout, ours.stdout + ours.stderr
    assert "900 RuntimeError" in mp.stdout and "700 <match" in mp.stdout
