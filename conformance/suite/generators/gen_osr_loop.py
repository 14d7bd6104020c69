# A generator whose loop runs long enough to move into its translation mid-run (on-stack
# replacement): sends, throws, close, finally, return values and tracebacks after the move.
def gen(n):
    total = 0
    try:
        for i in range(n):
            x = yield i
            if x is not None:
                total += x
    finally:
        print('finally', total)
    return total

g = gen(1000)
out = []
for k in range(200):
    out.append(next(g))
print(sum(out), g.send(5), g.send(7))
try:
    g.throw(ValueError('boom'))
except ValueError as e:
    print('caught', e)
g2 = gen(1000)
for k in range(100): next(g2)
g2.close()
print('closed')
def gen3():
    i = 0
    while True:
        i += 1
        if i > 120:
            raise KeyError(i)
        yield i
try:
    print(sum(gen3()))
except KeyError as e:
    print('KeyError', e)
def gen4():
    for i in range(100):
        yield i
    return 'done'
def outer():
    r = yield from gen4()
    print('r', r)
print(sum(outer()))
def perm(n):
    for i in range(n):
        yield tuple(range(i))
print(len(list(perm(300))))
