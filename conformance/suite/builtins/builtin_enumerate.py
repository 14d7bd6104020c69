# enumerate() with start values and various iterables
print(list(enumerate('abc')), list(enumerate('abc', 10)), list(enumerate([], 5)))
print(list(enumerate(range(3), start=-1)), dict(enumerate('xy')) == {0: 'x', 1: 'y'})
e = enumerate(['p', 'q'])
print(next(e), next(e), next(e, 'end'))
for i, (a, b) in enumerate([(1, 2), (3, 4)], 1):
    print(i, a, b)
print(list(enumerate(x * x for x in range(4))))
