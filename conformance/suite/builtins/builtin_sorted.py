# sorted() with key, reverse and different iterables
print(sorted([3, 1, 2]), sorted('cab'), sorted((2, 1)), sorted({3, 1}), sorted({'b': 0, 'a': 1}), sorted(range(5, 0, -1)))
print(sorted([3, 1, 2], reverse=True), sorted(['bb', 'a', 'ccc'], key=len), sorted(['bb', 'a', 'ccc'], key=len, reverse=True))
print(sorted([-4, 3, -2, 1], key=abs), sorted(['B', 'a', 'C'], key=str.lower), sorted([(1, 'z'), (0, 'y'), (1, 'a')]))
l = [3, 2, 1]
s = sorted(l)
print(l, s, s is l)
print(sorted([0.5, -1, 2, -3.5]), sorted([]), sorted([[2], [1, 5], [1]]))
try:
    sorted([1, None])
except TypeError:
    print('TypeError')
