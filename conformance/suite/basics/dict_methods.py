# dict methods: get, setdefault, pop, popitem, update, copy, clear, fromkeys
d = {'a': 1}
print(d.get('a'), d.get('b'), d.get('b', 0))
print(d.setdefault('a', 5), d.setdefault('b', 7), sorted(d.items()))
print(d.pop('a'), d.pop('zz', 'default'), sorted(d.items()))
try:
    d.pop('zz')
except KeyError:
    print('KeyError pop')
d.update({'x': 1, 'y': 2})
d.update([('z', 3)])
d.update(w=4)
print(sorted(d.items()))
c = d.copy()
c['x'] = 100
print(d['x'], c['x'])
k, v = {'only': 1}.popitem()
print(k, v)
try:
    {}.popitem()
except KeyError:
    print('KeyError popitem')
print(sorted(dict.fromkeys('abc').items()), sorted(dict.fromkeys([1, 2], 0).items()))
d.clear()
print(d, len(d))
