# args and str() of exceptions with zero, one and many arguments
for exc in (ValueError(), ValueError('one'), ValueError('a', 2), ValueError(42), IndexError(''), TypeError(None)):
    print(type(exc).__name__, exc.args, '[' + str(exc) + ']')
e = RuntimeError('msg')
print(e.args[0], len(e.args))
try:
    raise OSError(2, 'No such file')
except OSError as e:
    print(e.args, e.errno)
print(str(Exception('x', 'y')), str(Exception(('t',))))
