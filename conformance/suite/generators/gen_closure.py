# generators capturing closure and default argument values
def make(mult):
    def gen(n):
        for i in range(n):
            yield i * mult
    return gen
triple = make(3)
print(list(triple(4)), list(make(-1)(3)))
def counter_gen():
    count = 0
    def step():
        nonlocal count
        count += 1
        return count
    while True:
        yield step()
c = counter_gen()
print(next(c), next(c), next(c))
gens = [(lambda k: (k * i for i in range(3)))(k) for k in range(1, 4)]
print([list(g) for g in gens])
def with_defaults(start=5, step=-1, *extra, stop=0):
    i = start
    while i > stop:
        yield i
        i += step
    yield from extra
print(list(with_defaults()), list(with_defaults(9, -3, 'x', 'y', stop=2)))
