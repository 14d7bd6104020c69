# * and ** unpacking in calls
def f(a, b, c=0, *args, **kw):
    return a, b, c, args, sorted(kw.items())
print(f(*[1, 2]))
print(f(*(1, 2, 3, 4, 5)))
print(f(1, *[2], **{'c': 9}))
print(f(**{'a': 1, 'b': 2, 'z': 3}))
print(f(*'xy', *'zw', k=1, **{'j': 2}))
print(f(1, 2, *range(3, 6), x=0))
def g(*args):
    return len(args)
print(g(), g(*[]), g(*[], *()), g(*range(100)))
try:
    f(1, 2, **{'a': 5})
except TypeError:
    print('TypeError multiple values')
print(max(*[3, 7, 1]), print(*['sep', 'ar', 'ated'], sep='-'))
