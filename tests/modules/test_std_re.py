"""jitvm's guest `re` module against the real MicroPython binary."""

import importlib.util
from pathlib import Path

_spec = importlib.util.spec_from_file_location(
    "std_harness", Path(__file__).with_name("test_std_harness.py")
)
harness = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(harness)

SETUP = """
import re
r = re.compile('a(b+)c')
m = r.search('xxabbbcyy')
def g(m, n=0):
    return None if m is None else m.group(n)
"""

CASES = [
    "m",
    "m.group(0)",
    "m.group(1)",
    "m.group(2)",
    "m.group()",
    "m.group(1, 0)",
    "m.group(-1)",
    "re.match('a', 'ba')",
    "g(re.search('a{2}', 'aa'))",
    "g(re.search('a{2}', 'a{2}'))",
    "g(re.compile('(?:ab)').match('abc'))",
    "re.compile('(?P<n>a)')",
    "re.compile('a**')",
    "re.compile('(')",
    "re.compile(')')",
    "re.compile('[')",
    "g(re.compile('a|').match('a'))",
    "g(re.search('\\\\d+', 'ab123'))",
    "re.search('\\\\bx', 'a x')",
    "g(re.search('\\\\bx', 'abx'))",
    "g(re.search('[a-c]+', 'xxbcay'))",
    "g(re.search('[^a-c]+', 'abxyc'))",
    "re.sub('a', 'b', 'aaa')",
    "re.sub('a', 'b', 'aaa', 2)",
    "re.sub('(a)(b)', '\\\\2\\\\1', 'abab')",
    "re.sub('(a)', '\\\\g<1>x', 'aa')",
    "re.sub('a', lambda m: 'Z', 'banana')",
    "re.sub('(a)(n)', lambda m: m.group(2) + m.group(1), 'banana')",
    "re.compile(',').split('a,b,,c')",
    "re.compile(',').split('a,b,c', 1)",
    "re.compile('(,)').split('a,b')",
    "re.compile('x*').split('abc')",
    "re.compile(b',').split(b'a,b')",
    "g(re.search('^ab$', 'ab'))",
    "re.search('^ab$', 'ab\\\\n')",
    "g(re.search('a.c', 'a\\\\nc'))",
    "g(re.search('a?b', 'b'))",
    "g(re.search('a*?b', 'aab'))",
    "g(re.match('a+?', 'aaa'))",
    "g(re.match('a??', 'a'))",
    "g(re.match('(a)|(b)', 'b'), 1)",
    "g(re.match('(a)|(b)', 'b'), 2)",
    "re.match('a', 'a').group(5)",
    "g(re.search('\\\\s\\\\S\\\\w\\\\W\\\\D', ' xa.b'))",
    "g(re.match(b'a+', b'aab'))",
    "g(re.match('a', b'a'))",
    "g(re.search('[\\\\d]', 'a1'))",
    "g(re.search('\\\\.', 'a.b'))",
    "g(re.compile('a').match('ba', 1))",
    "g(re.compile('a').search('aba', 1))",
    "g(re.compile('b').match('ab', 5))",
    "re.sub('x*', '-', 'abc')",
    "re.sub('b', 'c', 'abb', 0)",
    "re.search('[]a]', 'b]')",
    "re.search('a\\\\', 'a')",
    "re.search('\\\\n', 'a\\\\nb')",
    "g(re.search('\\\\n', 'anb'))",
    "re.sub('(a)', '\\\\0', 'a')",
    "re.sub('(a)', '\\\\3', 'a')",
    "g(re.search('(a)(b)?', 'a'), 2)",
    "re.search('\\\\x41', 'A')",
    "g(re.search('[a-]', '-'))",
    "re.search('\\\\Ax', 'x')",
    "re.match(1, 'a')",
    "re.match('a', 1)",
    "re.sub('a', 1, 'a')",
    "re.search('(?i)a', 'A')",
    "g(re.search('a+b{', 'aab{'))",
    "g(re.search('a}', 'a}'))",
    "re.compile('a' * 300).match('a' * 300) is not None",
    "re.sub('^', '>', 'ab')",
    "re.search('[b-a]', 'ab')",
    "g(re.search('é+', 'aéé'))",
    "g(re.search('.', 'é'))",
    "re.search('[é]', 'é') is not None",
    "g(re.search('(ab|cd)+e', 'xabcdabe'), 1)",
    "g(re.search('[^\\\\d]+', '12ab3'))",
    "g(re.search('([a-z]+)@([a-z]+)\\\\.com', 'mail bob@example.com now'), 2)",
    "re.sub('[aeiou]', '', 'education')",
    "re.sub('\\\\s+', ' ', 'a  b\\\\t\\\\tc')",
    "re.compile('[,;]').split('a;b,c')",
    "g(re.match('', 'abc'))",
    "re.compile('a').sub('b', 'aXa', 1)",
    "re.compile(' ').split('a b c', 0)",
]


def test_re_matches_micropython() -> None:
    harness.assert_same(["re"], SETUP, CASES)


def test_re_exposes_what_micropython_exposes() -> None:
    import jitvm.modules.re as mod

    assert set(mod.__all__) == harness.micropython_dir("re")


def test_re_match_offers_board_build_extras() -> None:
    # groups/start/end/span exist on MicroPython builds with the match-groups/span options.
    import jitvm.modules.re as mod

    m = mod.search("a(b+)(x)?c", "zzabbc")
    assert m.groups() == ("bb", None)
    assert (m.start(), m.end(), m.span(1)) == (2, 6, (3, 5))
