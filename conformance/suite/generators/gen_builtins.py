# generators consumed by builtins
def g(n):
    for i in range(n):
        yield i
print(list(g(4)), tuple(g(3)), set(g(3)) == {0, 1, 2}, sorted(g(3), reverse=True))
print(sum(g(5)), min(g(5)), max(g(5)), any(g(1)), all(g(0)), any(g(0)))
print(list(enumerate(g(3))), list(zip(g(3), g(5))), list(map(str, g(3))), list(filter(None, g(4))))
print(dict(zip(g(3), 'abc')) == {0: 'a', 1: 'b', 2: 'c'}, ''.join(str(x) for x in g(5)))
a, b, c = g(3)
print(a, b, c)
print(*g(4))
