# keyword-only parameters after * and after *args
def f(a, *, b, c=3):
    return a, b, c
print(f(1, b=2), f(1, b=2, c=4), f(a=0, b=0))
try:
    f(1, 2)
except TypeError:
    print('TypeError positional for kwonly')
try:
    f(1)
except TypeError:
    print('TypeError missing kwonly')
def g(*args, sep='-', end='!'):
    return sep.join(args) + end
print(g('a', 'b'), g('a', 'b', sep='+'), g(end='?'))
def h(a, b=1, *args, c, d=4, **kw):
    return a, b, args, c, d, sorted(kw.items())
print(h(1, c=3), h(1, 2, 3, 4, c=5, d=6, e=7))
