# the in operator across container types, including __contains__ fallbacks
print(1 in [1, 2], 3 in (1, 2), 'b' in 'abc', 'bc' in 'abc', '' in 'abc', 'x' in '')
print(2 in {2: 0}, 0 in {2: 0}, 2 in {2}, 2 in frozenset([2]), 2 in range(5), 5 in range(5))
print(b'b' in b'abc', b'bc' in b'abc', b'x' in bytearray(b'abc'))
print(5 in iter([4, 5]), 'k' in iter('xyz'), 3 in (i for i in range(5)), 9 in map(abs, [-9]))
print([1] in [[1], 2], (1, 2) in [(1, 2)], None in [None], float('nan') in [1.0])
try:
    1 in 5
except TypeError:
    print('TypeError not iterable')
try:
    1 in 'abc'
except TypeError:
    print('TypeError str contains int')
