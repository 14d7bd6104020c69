# argument evaluation order is left to right
log = []
def v(x):
    log.append(x)
    return x
def f(*a, **k):
    return a, sorted(k.items())
f(v(1), v(2), *[v(3)], k=v(4), **{'z': v(5)})
print(log)
log.clear()
d = [v('k1'), v('v1'), (v('k2'), v('v2'))]
print(log)
log.clear()
r = v(1) + v(2) * v(3)
print(r, log)
log.clear()
x = [v('a'), v('b')][v(0)]
print(x, log)
log.clear()
v('obj').__class__
v(10) if v(True) else v(20)
print(log)
