# list() and tuple() constructors from various iterables
for src in ('abc', (1, 2), [3], range(3), {'a': 1}, b'\x01\x02', (x for x in 'xy'), [], ''):
    print(list(src), tuple(src))
l = [1, 2]
print(list(l) is l, list(l) == l, tuple(l))
t = (1, 2)
print(tuple(t) == t, list(t))
print(sorted(list({3, 1, 2})), list(map(str, range(3))), list(zip('ab', 'cd')))
