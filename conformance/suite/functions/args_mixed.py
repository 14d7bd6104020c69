# all argument kinds together, called many ways
def f(a, b=10, *args, c, d=20, **kw):
    return (a, b, args, c, d, sorted(kw.items()))
print(f(1, c=2))
print(f(1, 2, c=3))
print(f(1, 2, 3, 4, c=5))
print(f(1, c=2, d=3, e=4))
print(f(*[1, 2, 3], **{'c': 4, 'z': 5}))
print(f(a=1, c=2, b=3))
args = (9,)
kwargs = {'c': 0}
print(f(*args, **kwargs))
try:
    f(1, 2, 3)
except TypeError:
    print('TypeError missing c')
