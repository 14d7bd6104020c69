# json round trips preserve structure
import json
values = [0, 12345678901234567890, -7, 0.5, 'text', '', [1, [2, [3]]], {'k': None}, [True, False], {'n': {'m': [1.25]}}]
for v in values:
    s = json.dumps(v)
    print(s, json.loads(s) == v)
import io
buf = io.StringIO()
json.dump([1, {'a': 'b'}], buf)
print(buf.getvalue(), json.load(io.StringIO(buf.getvalue())))
