# higher-order functions: compose, partial application, map/filter/reduce by hand
def compose(*fs):
    def c(x):
        for f in reversed(fs):
            x = f(x)
        return x
    return c
inc = lambda x: x + 1
dbl = lambda x: x * 2
print(compose(inc, dbl)(5), compose(dbl, inc)(5), compose()(7))
def partial(f, *a, **k):
    def p(*a2, **k2):
        kk = dict(k)
        kk.update(k2)
        return f(*(a + a2), **kk)
    return p
def power(base, exp=2):
    return base ** exp
print(partial(power, 2)(10), partial(power, exp=3)(2), partial(power)(4))
def reduce(f, seq, init):
    acc = init
    for x in seq:
        acc = f(acc, x)
    return acc
print(reduce(lambda a, b: a * b, range(1, 8), 1), reduce(lambda a, b: b + a, 'abc', ''))
print(list(map(lambda a, b: a * b, [1, 2, 3], [4, 5, 6])))
print(list(map(pow, [2, 3], [3, 2])))
