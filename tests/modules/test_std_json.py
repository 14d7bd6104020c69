"""jitvm's guest `json` module against the real MicroPython binary."""

import importlib.util
from pathlib import Path

_spec = importlib.util.spec_from_file_location(
    "std_harness", Path(__file__).with_name("test_std_harness.py")
)
harness = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(harness)

SETUP = "import json, io\nfrom collections import OrderedDict"

CASES = [
    "json.dumps([1, 2.5, 'a', None, True, False])",
    "json.dumps({'a': [1, {}]})",
    "json.dumps((1, 2))",
    "json.dumps('é\\n\\t\"\\\\\\x01\\x7f')",
    "json.dumps(b'ab')",
    "json.dumps(1+2j)",
    "json.dumps({1: 2})",
    "json.dumps(float('nan'))",
    "json.dumps(float('inf'))",
    "json.dumps(1e100)",
    "json.dumps(0.1)",
    "json.dumps(2**100)",
    "json.dumps({(1,): 2})",
    "json.dumps([1, 2], separators=(',', ':'))",
    "json.dumps({'a': 1}, separators=(';', '='))",
    "json.dumps([1], indent=2)",
    "json.dumps(OrderedDict([('b', 1), ('a', 2)]))",
    "json.dumps({None: 1})",
    "json.dumps({True: 1})",
    "json.dumps({1.5: 1})",
    "json.dumps(bytearray(b'x'))",
    "json.dumps([1], separators=(',',))",
    "json.dumps([1], separators=1)",
    "json.dumps(set())",
    "json.dumps(-0.0)",
    "json.dumps(1e16)",
    "json.dumps(123456789.123)",
    "json.dumps('\\b\\f\\r\\x1f\\u2028')",
    "json.dumps([1e15, 1e-5, 1.5e-7, 12345678.9, 0.30000000000000004, 1/3, 2.0**60, 1e22])",
    "json.dumps({'a': 'b', 'c': [None]}, separators=[', ', ': '])",
    "json.dumps([], separators=('a', 'b'))",
    "json.dumps([[]])",
    "json.dumps({})",
    "json.dumps({'x': {}})",
    "json.dumps([1], separators=(1, 2))",
    "json.dumps()",
    "json.dumps(1, 2)",
    "json.dumps([1, [2, [3, {'k': (4,)}]]], separators=('|', '#'))",
    "json.loads('[1, 2.5, \"a\", null, true, false]')",
    'json.loads(\'{"a": {"b": [1]}}\')',
    "json.loads('1')",
    "json.loads(' 1 ')",
    "json.loads('1 2')",
    "json.loads('')",
    "json.loads('[1,]')",
    "json.loads('{\"a\":1,}')",
    "json.loads('\"\\\\u00e9\\\\n\\\\/\"')",
    "json.loads('\"\\\\ud83d\\\\ude00\"')",
    "json.loads('tru')",
    "json.loads('nan')",
    "json.loads('Infinity')",
    "json.loads('1e5')",
    "json.loads('-0')",
    "json.loads('01')",
    "json.loads('1.')",
    "json.loads('.5')",
    "json.loads('[1 2]')",
    "json.loads('{1:2}')",
    "json.loads('\"abc')",
    "json.loads('\"a\\tb\"')",
    "json.loads(b'[1]')",
    "json.loads(bytearray(b'[1]'))",
    "json.loads(1)",
    "json.loads('{\"a\" 1}')",
    "json.loads('[')",
    "json.loads(']')",
    "json.loads('\"\\\\x\"')",
    "json.loads('[1]x')",
    "json.loads('- 1')",
    "json.loads('1e')",
    "json.loads('2e400')",
    "json.loads('123456789012345678901234567890')",
    "json.loads('1E+2')",
    "json.loads('[] ')",
    "json.loads('\\n[1]\\n')",
    'json.loads(\'{"a":1 , "b" : 2}\')',
    "json.loads('[1,,2]')",
    "json.loads('{,}')",
    "json.loads('{\"a\":}')",
    "json.loads('\"\\\\u12\"')",
    "json.loads('true false')",
    "json.loads('nul')",
    "json.loads('[true]')",
    "json.loads('-')",
    "json.loads('+1')",
    "json.loads('1.5e-3')",
    "json.loads('\"\\\\u00zz\"')",
    "json.loads('{\"a\":1}{')",
    'json.loads(\'["a\\\\"b"]\')',
    "json.loads('1-2')",
    "json.loads('--1')",
    "json.loads('1+')",
    "json.loads('-a')",
    "json.loads('1e+')",
    "json.loads('1.2.3')",
    "json.loads('-.5')",
    "json.loads('1e5.5')",
    "json.loads('.')",
    "json.loads('1ee5')",
    "json.loads('1.e5')",
    "json.loads('00.5')",
    "json.loads('[1\\x002]')",
    "json.loads('\"\\\\u12')",
    "json.loads('\"a\\\\')",
    "json.loads('[1]]')",
    "json.loads('{\"a\":[1}')",
    "json.loads('[{]')",
    "json.loads('{[1]:2}')",
    "json.loads('{\"a\"}')",
    "json.loads('[}')",
    "json.loads('1,')",
    "json.loads(',1')",
    "json.loads(':1')",
    "json.loads('\\x0b1')",
    "json.loads('1\\x0b')",
    "json.loads('\"é\"')",
    "json.loads(b'\"\\xff\"')",
    "json.loads('\\f1')",
    'json.loads(\'{"a": [1, {"b": null}], "c": "d"}\')',
    "json.loads('[[[]], [[1]]]')",
    'json.loads(\'{"k": {"k": {"k": 1}}}\')',
    "json.load(io.StringIO('[1, {\"x\": 2}]'))",
    "json.load(io.StringIO('[1] [2]'))",
    "json.load(io.BytesIO(b'[1]'))",
    "json.load(1)",
    "json.dump([1])",
    "s = io.StringIO()\njson.dump([1, {'a': 'b'}], s)\nreturn s.getvalue()",
    "s = io.StringIO()\njson.dump({'a': 1}, s, separators=(',', ':'))\nreturn s.getvalue()",
    "json.dump([1], 5)",
    "v = {'list': [1, 2.5, None, 'x\"y'], 'n': {'t': True}}\nreturn json.loads(json.dumps(v)) == v",
]


def test_json_matches_micropython() -> None:
    harness.assert_same(["json", "collections"], SETUP, CASES)


def test_json_load_and_dump_call_guest_stream_methods() -> None:
    # The guest may hand any object with read/write (e.g. its own class); jitvm calls them.
    import jitvm.modules.json as mod

    class Stream:
        def __init__(self, text: str = "") -> None:
            self.text = text
            self.written: list[str] = []

        def read(self) -> str:
            return self.text

        def write(self, data: str) -> int:
            self.written.append(data)
            return len(data)

    out = Stream()
    mod.dump({"a": [1, None]}, out)
    assert "".join(out.written) == '{"a": [1, null]}'
    assert mod.load(Stream('{"k": [true, 2]}')) == {"k": [True, 2]}


def test_json_exposes_what_micropython_exposes() -> None:
    import jitvm.modules.json as mod

    assert set(mod.__all__) == harness.micropython_dir("json")
