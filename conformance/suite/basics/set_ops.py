# set operators: union, intersection, difference, symmetric difference, comparisons
a = {1, 2, 3, 4}
b = {3, 4, 5}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(b - a), sorted(a ^ b))
print(a > {1, 2}, a >= a, {1} < a, a < a, a <= a, {9} <= a, a == {4, 3, 2, 1}, a != b)
c = set(a)
c |= {10}
c &= {1, 2, 10}
c -= {2}
c ^= {1, 20}
print(sorted(c))
print(len(set('hello')), sorted(set('hello')), set() == set(), bool(set()))
print(3 in a, 9 in a, 9 not in a)
print(sorted({x % 3 for x in range(10)}))
print(sorted(set([1, 1, 2, 2, 3])), sorted({(1, 2), (1, 2), (2, 1)}))
