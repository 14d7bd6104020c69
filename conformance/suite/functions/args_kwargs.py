# **kwargs collects extra keyword arguments as a dict
def f(**kw):
    return sorted(kw.items())
print(f(), f(a=1), f(b=2, a=1), f(**{'x': 1, 'y': 2}))
def g(a, *args, **kw):
    return a, args, sorted(kw.items())
print(g(1), g(1, 2), g(1, 2, k=3), g(a=5, z=0))
def h(**kw):
    kw['added'] = True
    return kw
d = {'orig': 1}
r = h(**d)
print(sorted(r.items()), sorted(d.items()))
def forward(*a, **k):
    return g(*a, **k)
print(forward(7, 8, key='v'))
def kw_types(**kw):
    return all(isinstance(k, str) for k in kw)
print(kw_types(a=1, b=2))
