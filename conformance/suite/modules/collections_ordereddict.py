# collections.OrderedDict keeps insertion order
from collections import OrderedDict
d = OrderedDict()
d['z'] = 1
d['a'] = 2
d['m'] = 3
print(list(d.keys()), list(d.values()), list(d.items()))
d['a'] = 20
print(list(d.items()))
del d['z']
d['z'] = 100
print(list(d.items()))
e = OrderedDict([('b', 1), ('a', 2)])
print(list(e), e['b'], len(e), 'a' in e)
print(e.pop('b'), list(e), e.get('nope', 'dflt'))
print(sorted(OrderedDict(zip('cab', range(3))).items()), list(OrderedDict(zip('cab', range(3)))))
