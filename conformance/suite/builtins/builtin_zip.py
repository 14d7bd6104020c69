# zip() with zero, one and many iterables of different lengths
print(list(zip()), list(zip('ab')), list(zip('abc', [1, 2])), list(zip(range(3), 'xyz', [True, False, None])))
print(dict(zip('abc', range(3))) == {'a': 0, 'b': 1, 'c': 2}, list(zip(*[(1, 2), (3, 4), (5, 6)])))
z = zip([1, 2], [3, 4])
print(next(z), list(z), list(z))
log = []
def gen(name, n):
    for i in range(n):
        log.append(name + str(i))
        yield i
print(list(zip(gen('a', 3), gen('b', 1))), log)
print([a + b for a, b in zip([1, 2, 3], [10, 20, 30])])
