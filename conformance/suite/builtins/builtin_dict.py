# dict() constructor forms
print(sorted(dict().items()), sorted(dict(a=1, b=2).items()))
print(sorted(dict([('x', 1), ('y', 2)]).items()), sorted(dict(zip('abc', range(3))).items()))
print(sorted(dict({'k': 'v'}, extra=1).items()), sorted(dict([['l', 'ist']]).items()))
d = {'a': [1]}
c = dict(d)
c['a'].append(2)
c['b'] = 0
print(sorted(d.items()), sorted(c.items()))
try:
    dict([1, 2])
except (TypeError, ValueError):
    print('error for bad items')
try:
    dict([('a', 1, 2)])
except ValueError:
    print('ValueError')
