# **kwargs contents (sorted: MicroPython does not keep keyword order)
def f(**kw):
    return sorted(kw)
print(f(z=1, a=2, m=3))
print(f(b=1, **{'y': 2, 'c': 3}))
def g(first, **rest):
    return first, sorted(rest.items())
print(g(0, q=1, p=2))
print(g(first=9, k=1))
