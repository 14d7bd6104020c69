# map() with one and many iterables, laziness
print(list(map(abs, [-1, 2, -3])), list(map(str.upper, 'abc')))
print(list(map(lambda a, b: a * b, [1, 2, 3], [4, 5, 6])), list(map(pow, [2, 3, 4], [3, 2])))
print(list(map(lambda *a: sum(a), [1, 2], [3, 4], [5, 6])))
m = map(int, ['1', '2', '3'])
print(next(m), list(m), list(m))
log = []
def f(x):
    log.append(x)
    return x
m = map(f, range(3))
print(log)
next(m)
print(log)
print(list(map(len, ['', 'a', 'ab'])), dict(map(lambda k: (k, k * 2), 'ab')) == {'a': 'aa', 'b': 'bb'})
