# the first iterable of a generator expression is evaluated immediately
log = []
def src(n):
    log.append('src called')
    return range(n)
g = (x for x in src(3))
print(log)
print(list(g))
try:
    g2 = (x for x in 5)
except TypeError:
    print('TypeError at creation')
data = [1, 2, 3]
g3 = (x * 2 for x in data)
data = [100]
print(list(g3))
lst = [1, 2]
g4 = (x for x in lst)
lst.append(3)
print(list(g4))
def f():
    y = 10
    return list(x + y for x in range(3))
print(f())
