# generator functions: lazy evaluation, state across yields
def numbers():
    print('start')
    yield 1
    print('after 1')
    yield 2
    print('end')
g = numbers()
print('created')
print(next(g))
print(next(g))
print(next(g, 'exhausted'))
def squares(n):
    for i in range(n):
        yield i * i
print(list(squares(6)), sum(squares(4)), max(squares(5)))
def inf():
    n = 0
    while True:
        yield n
        n += 1
it = inf()
print([next(it) for _ in range(5)])
print(iter(it) is it)
