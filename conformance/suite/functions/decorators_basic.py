# function decorators, stacked decorators, decorators with arguments
def shout(f):
    def wrapper(*a, **k):
        return str(f(*a, **k)).upper()
    return wrapper
@shout
def greet(name):
    return 'hello ' + name
print(greet('bob'))
def repeat(n):
    def deco(f):
        def wrapper(*a):
            return [f(*a) for _ in range(n)]
        return wrapper
    return deco
@repeat(3)
def one():
    return 1
print(one())
log = []
def trace(tag):
    def deco(f):
        def w(*a):
            log.append((tag, a))
            return f(*a)
        return w
    return deco
@trace('outer')
@trace('inner')
def add(a, b):
    return a + b
print(add(1, 2), log)
def register(registry):
    def deco(f):
        registry.append(f.__name__)
        return f
    return deco
reg = []
@register(reg)
def alpha():
    pass
@register(reg)
def beta():
    pass
print(reg, alpha() is None)
