# dict basics: construction, lookup, update, delete, membership
d = {'a': 1, 'b': 2}
d['c'] = 3
d['a'] = 10
print(sorted(d.items()), len(d), d['b'], 'a' in d, 'z' in d, 'z' not in d)
del d['b']
print(sorted(d.items()))
try:
    d['missing']
except KeyError as e:
    print('KeyError', e.args)
print(dict(x=1, y=2) == {'y': 2, 'x': 1}, dict([(1, 2), (3, 4)]) == {1: 2, 3: 4})
print(dict({'k': 'v'}, k2='v2') == {'k': 'v', 'k2': 'v2'})
e = {}
e[(1, 2)] = 'tuple'
e[3] = 'int'
e[3.0] = 'float replaces int'
e[True] = 'bool'
e[1] = 'one'
print(len(e), e[(1, 2)], e[3], e[True])
print({} == {}, {1: 2} != {1: 3}, bool({}), bool({0: 0}))
nested = {'outer': {'inner': [1, 2]}}
nested['outer']['inner'].append(3)
print(nested)
print({i: i * i for i in range(5)})
