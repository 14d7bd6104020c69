# is / is not on singletons and mutable objects
a = [1]
b = a
c = [1]
print(a is b, a is c, a == c, a is not c)
print(None is None, True is True, (a is None), type(None) is type(None))
def f():
    pass
print(f() is None, f is f, type(1) is int, type('') is str)
x = object()
y = object()
print(x is x, x is y, x == y, x != y)
print(... is Ellipsis, NotImplemented is NotImplemented)
print(... is ..., repr(...), str(...))
