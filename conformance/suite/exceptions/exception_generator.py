# exceptions thrown inside generators propagate to the consumer
def gen():
    yield 1
    raise ValueError('in generator')
g = gen()
print(next(g))
try:
    next(g)
except ValueError as e:
    print('caught', e)
try:
    next(g)
except StopIteration:
    print('exhausted after error')
def guarded():
    try:
        yield 'a'
        yield 'b'
    finally:
        print('generator finally')
for x in guarded():
    print(x)
def catcher():
    while True:
        try:
            yield
        except KeyError as e:
            print('generator caught', e.args)
c = catcher()
next(c)
c.throw(KeyError('k1'))
c.throw(KeyError('k2'))
print('end')
