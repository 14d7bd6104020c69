# type() of values and type() used to create classes
for v in (1, 1.0, 'a', b'', [], (), {}, set(), None, True, len, type, object(), range(1), 1j):
    print(type(v).__name__ if v is not len else 'function-like', type(v) is type(v))
print(type(1) is int, type(True) is bool, type(type) is type, type(int) is type)
X = type('X', (), {'a': 1, 'm': lambda self: self.a + 1})
x = X()
print(X.__name__, x.a, x.m(), isinstance(x, X))
Y = type('Y', (X,), {'a': 10})
print(Y().m(), issubclass(Y, X))
