# lambda expressions: arguments, defaults, closures, immediate calls
sq = lambda x: x * x
print(sq(4), (lambda: 'no args')(), (lambda a, b=2: a + b)(1))
print((lambda *a, **k: (a, sorted(k.items())))(1, 2, z=3))
print((lambda a, *, b: a - b)(10, b=3))
print(list(map(lambda x: x + 1, [1, 2, 3])), list(filter(lambda x: x % 2, range(7))))
print(sorted(['ccc', 'a', 'bb'], key=lambda s: -len(s)))
make = lambda n: lambda x: x * n
print(make(3)(4), make('ab')(2))
print((lambda x: (lambda y: x + y))(1)(2))
fns = {'add': lambda a, b: a + b, 'sub': lambda a, b: a - b}
print(fns['add'](5, 3), fns['sub'](5, 3))
print((lambda: (yield 1)) is not None)
cond = lambda x: 'pos' if x > 0 else ('zero' if x == 0 else 'neg')
print(cond(5), cond(0), cond(-5))
