# frozenset: immutable, hashable, set algebra
f = frozenset([3, 1, 2])
g = frozenset('ab')
print(sorted(f), len(f), 2 in f, sorted(g))
print(sorted(f | {4}), sorted(f & {1, 9}), sorted(f - {1}), sorted(f ^ {1, 5}))
d = {f: 'frozen'}
print(d[frozenset([1, 2, 3])])
s = {frozenset([1]), frozenset([1]), frozenset([2])}
print(len(s))
print(f == {1, 2, 3}, f == frozenset([1, 2, 3]), frozenset() == frozenset())
print(type(f | {4}).__name__, type({4} | f).__name__)
try:
    f.add(4)
except AttributeError:
    print('AttributeError add')
print(f.issubset({1, 2, 3, 4}), sorted(f.union([7])))
