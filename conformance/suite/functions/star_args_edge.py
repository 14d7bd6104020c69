# edge cases of * and ** in calls and definitions
def f(a, b, c):
    return a + b + c
print(f(1, *(2, 3)), f(*(1, 2), 3), f(*[1], *[2], *[3]), f(1, **{'b': 2, 'c': 3}))
print(f(*(1, 2), c=3))
def g(*args, **kwargs):
    return len(args), len(kwargs)
print(g(*(), **{}), g(*[None] * 5), g(**dict.fromkeys('abcd')))
try:
    f(**{1: 2})
except TypeError:
    print('TypeError non-str key')
try:
    f(*5)
except TypeError:
    print('TypeError not iterable')
def h(a, *b):
    return b
print(h(*'abc'), h(1))
