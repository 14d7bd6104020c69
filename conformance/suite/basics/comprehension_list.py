# list comprehensions with filters and multiple for clauses
print([x * x for x in range(6)])
print([x for x in range(20) if x % 3 == 0 if x % 2 == 0])
print([(x, y) for x in range(3) for y in range(x)])
print([c.upper() for c in 'abc'])
print([x if x % 2 else -x for x in range(6)])
print([[y for y in range(x)] for x in range(4)])
print([a + b for a, b in [(1, 2), (3, 4)]])
x = 'outer'
r = [x for x in range(3)]
print(x, r)
print([i for i in []], [1 for _ in 'ab'])
print(sum([i for i in range(101)]))
print([f(3) for f in [lambda n: n + 1, lambda n: n * 2]])
print([(lambda k=k: k)() for k in range(3)])
