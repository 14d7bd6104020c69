# json.loads of all value kinds
import json
print(json.loads('1'), json.loads('-2.5'), json.loads('"s"'), json.loads('null'), json.loads('true'), json.loads('false'))
print(json.loads('[1, "a", null, [true, []]]'), sorted(json.loads('{"b": 1, "a": [2, 3]}').items()))
print(json.loads(' { "x" : { "y" : [ ] } } '), json.loads('"esc \\" \\\\ \\n \\t \\/"'))
print(json.loads('"\\u0041\\u0062"'), json.loads('1e3'), json.loads('[1.5e-1]'), json.loads('123456789012345678901234567890'))
for bad in ('[1,', 'tru', '', '{'):
    try:
        json.loads(bad)
        print('parsed', bad)
    except ValueError:
        print('ValueError', repr(bad))
