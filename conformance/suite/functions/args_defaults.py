# default arguments: evaluation time and mutable defaults
def f(a, b=2, c=3):
    return a, b, c
print(f(1), f(1, 5), f(1, 5, 6), f(1, c=9), f(a=0))
x = 10
def g(v=x):
    return v
x = 20
print(g(), g(1))
def acc(item, into=[]):
    into.append(item)
    return into
print(acc(1), acc(2), acc(3, []), acc(4))
def safe(item, into=None):
    if into is None:
        into = []
    into.append(item)
    return into
print(safe(1), safe(2))
def computed(n=len('abcd') * 2, s='x' * 3):
    return n, s
print(computed())
def d(a, b=[1, 2], *, c={'k': 1}):
    return a, b, c
print(d(0), d(0, c=None))
