"""jitvm's guest `collections` module against the real MicroPython binary."""

import importlib.util
from pathlib import Path

_spec = importlib.util.spec_from_file_location(
    "std_harness", Path(__file__).with_name("test_std_harness.py")
)
harness = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(harness)

SETUP = """
from collections import deque, OrderedDict, namedtuple
d = deque((1, 2, 3), 3)
P = namedtuple('P', 'x y')
p = P(1, 2)
Q = namedtuple('Q', ['a', 'b'])
o = OrderedDict([('b', 1), ('a', 2)])
"""

CASES = [
    "d",
    "deque()",
    "deque([1])",
    "deque([1], 2, 1)",
    "list(deque([1, 2, 3], 2))",
    "deque([1, 2, 3], 2, 1)",
    "deque(maxlen=2)",
    "deque(1)",
    "deque([], -1)",
    "list(deque([1, 2], 0))",
    "deque([], 1, 2, 3)",
    "deque(5, 2)",
    "deque([], 'a')",
    "d.append(4)\nreturn list(d)",
    "d.appendleft(0)\nreturn list(d)",
    "d.pop()",
    "d.popleft()",
    "len(d)",
    "d[0]",
    "d[-1]",
    "d[5]",
    "d[-5]",
    "list(d)",
    "d.extend([7, 8])\nreturn list(d)",
    "d.extendleft",
    "d.maxlen",
    "d.clear",
    "d.rotate",
    "d.remove",
    "d.index",
    "d.count",
    "d.insert",
    "deque([1], 1, 1).append(2)",
    "deque([1], 1, 1).appendleft(2)",
    "1 in d",
    "7 in d",
    "d.extend(5)",
    "d[0:1]",
    "d['a']",
    "d[0] = 'z'\nreturn list(d)",
    "d[9] = 1",
    "e = deque([], 2)\ne.pop()",
    "e = deque([], 2)\ne.popleft()",
    "bool(deque([], 2))",
    "bool(deque([1], 2))",
    "e = deque([], 3)\nfor i in range(6):\n    e.append(i)\nreturn list(e), len(e)",
    "e = deque([], 3)\nfor i in range(6):\n    e.appendleft(i)\nreturn list(e)",
    "e = deque([], 3)\nfor i in range(5):\n    e.append(i)\n    e.popleft()\n    e.append(i * 10)\nreturn list(e)",
    "p",
    "p.x",
    "p[1]",
    "p._asdict()",
    "p._fields",
    "P._fields",
    "P(1)",
    "P(1, 2, 3)",
    "P(x=1, y=2)",
    "P(1, y=2)",
    "P(1, z=2)",
    "p._replace(x=5)",
    "isinstance(p, tuple)",
    "p == (1, 2)",
    "Q(1, 2)",
    "namedtuple('R', 'a,b')(1, 2)",
    "namedtuple('R', 'a, b')(1, 2)",
    "type(p).__name__",
    "P.__name__",
    "len(p)",
    "p + (3,)",
    "P._make([1, 2])",
    "namedtuple('E', '')()",
    "p.z",
    "hash(p) == hash((1, 2))",
    "str(p)",
    "namedtuple(1, 'a')",
    "namedtuple('R', 1)",
    "tuple(p)",
    "p.x == p[0]",
    "namedtuple('R', ('a', 'b'))(5, 6)",
    "[x for x in p]",
    "x, y = p\nreturn y, x",
    "p[::-1]",
    "o",
    "list(o)",
    "o.popitem()",
    "OrderedDict()",
    "OrderedDict(a=1)",
    "o.move_to_end",
    "str(OrderedDict([(1, 2)]))",
    "OrderedDict({1: 2})",
    "OrderedDict(1)",
    "type(o).__name__",
    "isinstance(o, dict)",
    "o == {'b': 1}",
    "OrderedDict.fromkeys('ab')",
    "OrderedDict([(1, 2)]).copy()",
    "list(OrderedDict([(1, 2)]).items())",
    "o2 = OrderedDict()\no2['z'] = 1\no2['a'] = 2\no2['m'] = 3\ndel o2['a']\no2['a'] = 4\nreturn repr(o2), list(o2.items()), o2.popitem(), o2.pop('z'), repr(o2), o2.setdefault('q', 9), repr(o2)",
    "o3 = OrderedDict([(i, str(i)) for i in range(20, 0, -3)])\nreturn list(o3), repr(o3)",
]


def test_collections_matches_micropython() -> None:
    harness.assert_same(["collections"], SETUP, CASES)


def test_collections_exposes_what_micropython_exposes() -> None:
    import jitvm.modules.collections as mod

    assert set(mod.__all__) == harness.micropython_dir("collections")
