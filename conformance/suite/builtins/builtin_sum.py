# sum() with start values and various numeric types
print(sum([]), sum([1, 2, 3]), sum(range(101)), sum([1, 2], 10), sum((0.5, 0.25)), sum([2 ** 64, 2 ** 64]))
print(sum([[1], [2], [3]], []), sum(((1,), (2,)), ()), sum(x * x for x in range(4)), sum([True, True, False]))
print(sum([1, 2.5]), sum([1j, 2]), sum({1: 'a', 2: 'b'}), sum({5, 6}))
try:
    sum(['a', 'b'])
except TypeError:
    print('TypeError strings')
try:
    sum([1, 'a'])
except TypeError:
    print('TypeError mixed')
