# MicroPython's extensible built-ins: a file of the same name on sys.path comes first; the
# u-name reaches the built-in; sys is never extended
import sys

sys.path.insert(0, "ext_lib")
import json

print(json.dumps_sorted({"b": 1, "a": 2}), json.loads("[1]"))
import ujson

print(hasattr(ujson, "dumps_sorted"), ujson.dumps([2]))
saved = sys.path
sys.path = []
import json as forced  # an empty path forces the built-in

sys.path = saved
print(hasattr(forced, "dumps_sorted"))
