# range objects: iteration, len, indexing, slicing, membership, reversed
r = range(2, 20, 3)
print(list(r), len(r), r[0], r[-1], r[2])
print(list(range(5)), list(range(5, 0, -1)), list(range(0)), list(range(3, 3)), list(range(10, 0, -3)))
print(len(range(0, 10, 3)), len(range(10, 0, -2)), len(range(5, 1)))
print(5 in r, 6 in r, 17 in r, 20 in r)
print(list(r[1:3]), list(r[::2]), list(r[::-1]))
print(list(reversed(range(4))), sum(range(101)))
print(list(range(3)) == [0, 1, 2], len(range(2, 2)) == 0)
print(r.start, r.stop, r.step)
try:
    range(1, 2, 0)
except ValueError:
    print('ValueError step 0')
try:
    r[100]
except IndexError:
    print('IndexError')
print(repr(range(4)), repr(range(1, 9, 2)))
