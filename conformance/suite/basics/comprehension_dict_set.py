# dict and set comprehensions and generator expressions
d = {k: v for k, v in zip('abc', range(3))}
print(sorted(d.items()))
print(sorted({x % 4 for x in range(20)}))
print(sorted({k: k * 2 for k in range(5) if k != 2}.items()))
print(sum(x for x in range(10)), max(x * x for x in range(-5, 3)))
print(sorted({v: k for k, v in d.items()}.items()))
print(list(x for x in 'hi'), tuple(i for i in range(3)))
g = (i * 10 for i in range(3))
print(next(g), next(g), list(g), list(g))
print(sorted({(a, b) for a in range(2) for b in range(2)}))
print(any(x > 8 for x in range(10)), all(x < 5 for x in range(10)))
print(dict((i, str(i)) for i in range(3)) == {0: '0', 1: '1', 2: '2'})
