# lambdas closing over loop variables, defaults and enclosing scopes
def mk():
    return [lambda x, i=i: x + i for i in range(4)]
print([f(10) for f in mk()])
def mk2():
    return [lambda x: x + i for i in range(4)]
print([f(10) for f in mk2()])
def adder(n):
    return lambda x: lambda y: x + y + n
print(adder(1)(2)(3))
y = 'global'
f = lambda: y
y = 'rebound'
print(f())
def scope():
    y = 'local'
    return (lambda: y)()
print(scope())
