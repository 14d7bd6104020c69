# generator expressions: laziness, single pass, closures
g = (x * 2 for x in range(5))
print(type(g).__name__, next(g), list(g), list(g))
log = []
def src():
    for i in range(3):
        log.append(i)
        yield i
g = (v + 1 for v in src())
print(log)
print(next(g), log)
print(list(g), log)
print(sum(x for x in range(10) if x % 3 == 0))
print(list(x + y for x in 'ab' for y in '12'))
k = 10
g = (k + i for i in range(3))
k = 100
print(list(g))
print(sorted((c for c in 'hello'), reverse=True), ''.join(c.upper() for c in 'abc'))
