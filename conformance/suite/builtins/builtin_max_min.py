# max() and min() with iterables, multiple args, key and default
print(max(3, 1, 2), min(3, 1, 2), max([5, 9, 2]), min([5, 9, 2]), max('hello'), min('hello'))
print(max([1, -5, 3], key=abs), min([1, -5, 3], key=abs), max(['aa', 'b', 'ccc'], key=len))
print(max([], default='empty'), min((), default=0), max([7], default=0))
print(max(1, 2.5), min(-1, -1.5), max([(1, 'b'), (1, 'c'), (0, 'z')]))
print(max('a', 'B'), min(['x', 'xy', 'x0']), max(range(100)), min(x * x - 10 * x for x in range(10)))
for bad in ([], ()):
    try:
        max(bad)
    except ValueError:
        print('ValueError empty')
try:
    min(1, 'a')
except TypeError:
    print('TypeError mixed')
print(max({3: 'a', 7: 'b'}), min({'b': 1, 'a': 2}))
