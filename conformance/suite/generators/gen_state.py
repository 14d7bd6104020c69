# generators keep local state and can be interleaved
def counter(name, n):
    for i in range(n):
        yield '%s%d' % (name, i)
a, b = counter('a', 3), counter('b', 2)
out = []
while True:
    progressed = False
    for g in (a, b):
        v = next(g, None)
        if v is not None:
            out.append(v)
            progressed = True
    if not progressed:
        break
print(out)
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
f = fib()
print([next(f) for _ in range(15)])
def running_total(items):
    t = 0
    for x in items:
        t += x
        yield t
print(list(running_total([1, 2, 3, 4])))
