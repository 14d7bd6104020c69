# range() arguments, negative steps and indexing
for args in ((5,), (2, 5), (0, 10, 3), (10, 0, -3), (0,), (5, 2), (-5, 5, 2), (5, -5, -4)):
    r = range(*args)
    print(args, list(r), len(r), (r[0], r[-1]) if len(r) else None)
print(range(10)[3], range(10)[-2], list(range(10)[2:6]), list(range(0, 20, 2)[::3]))
print(3 in range(5), 5 in range(5), -1 in range(-3, 0), 4 in range(0, 10, 2), 5 in range(0, 10, 2))
try:
    range(1.5)
except TypeError:
    print('TypeError float')
print(sum(range(1, 1001)), list(range(2 ** 40, 2 ** 40 + 3)))
