# a generator's return ends iteration; StopIteration from next() inside a generator
def g():
    yield 1
    return
    yield 2
print(list(g()))
def safe_pairs(it):
    it = iter(it)
    while True:
        try:
            a = next(it)
            b = next(it)
        except StopIteration:
            return
        yield a, b
print(list(safe_pairs(range(7))))
def first_or_none(it):
    for x in it:
        return x
    return None
print(first_or_none(g()), first_or_none([]))
