# return value of a generator travels in StopIteration.value
def g(x):
    yield 1
    return x * 2
it = g(21)
next(it)
try:
    next(it)
except StopIteration as e:
    print('value', e.value)
def no_return():
    yield
n = no_return()
next(n)
try:
    next(n)
except StopIteration as e:
    print('value', e.value)
def early():
    return 'early'
    yield
try:
    next(early())
except StopIteration as e:
    print('value', e.value)
def collect():
    r = yield from g(5)
    yield r
print(list(collect()))
