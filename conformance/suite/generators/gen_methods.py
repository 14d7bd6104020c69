# generator objects support __next__, __iter__, send(None) and iteration protocols
def g():
    yield 'a'
    yield 'b'
    yield 'c'
gen = g()
print(gen.__next__(), gen.send(None), next(gen))
print(iter(gen) is gen, iter(iter(gen)) is gen)
print(next(gen, 'stop'), list(gen))
names = ('send', 'throw', 'close')
print([hasattr(g(), n) for n in names])
def squares():
    n = 0
    while True:
        n += 1
        yield n * n
it = squares()
first = [v for _, v in zip(range(5), it)]
print(first, next(it))
