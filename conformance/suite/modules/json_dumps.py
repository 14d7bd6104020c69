# json.dumps of nested structures (single-key dicts so order is fixed)
import json
print(json.dumps(1), json.dumps(-2.5), json.dumps('s'), json.dumps(None), json.dumps(True), json.dumps(False))
print(json.dumps([1, 'a', None, [True, []]]), json.dumps({'k': [1, 2]}), json.dumps({'o': {'i': {}}}))
print(json.dumps('quote " and backslash \\ and newline \n and tab \t'))
print(json.dumps((1, 2)), json.dumps([]), json.dumps({}), json.dumps(''))
print(json.dumps({'a': 1}, separators=(',', ':')), json.dumps([1, 2], separators=(',', ':')))
print(json.dumps({1: 'int key'}))
print(json.dumps([[[]]]), json.dumps({'nested': {'deeper': [None]}}))
