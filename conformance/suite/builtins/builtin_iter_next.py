# iter() and next() on builtin containers
for src in ([1, 2], (3,), 'ab', b'\x01', {'k': 0}, {7}, range(2)):
    it = iter(src)
    print(type(src).__name__, list(it), next(it, 'done'))
it = iter([1, 2, 3])
print(next(it), list(it))
try:
    next(iter([]))
except StopIteration:
    print('StopIteration')
try:
    iter(5)
except TypeError:
    print('TypeError not iterable')
try:
    next([1])
except TypeError:
    print('TypeError not an iterator')
class Counter:
    def __init__(self):
        self.n = 0
    def __iter__(self):
        return self
    def __next__(self):
        self.n += 1
        if self.n > 3:
            raise StopIteration
        return self.n
c = Counter()
print(iter(c) is c, list(c))
