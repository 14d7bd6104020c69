# generator.throw() raises inside the generator at the paused yield
def g():
    while True:
        try:
            x = yield 'ready'
            print('got', x)
        except ValueError as e:
            print('handled ValueError', e.args)
            yield 'after value error'
gen = g()
print(next(gen))
print(gen.throw(ValueError('v1')))
print(next(gen))
try:
    gen.throw(KeyError('k'))
except KeyError as e:
    print('propagated KeyError', e.args)
try:
    next(gen)
except StopIteration:
    print('generator is finished')
def fresh():
    yield 1
f = fresh()
try:
    f.throw(IndexError('before start'))
except IndexError as e:
    print('thrown before start', e.args)
