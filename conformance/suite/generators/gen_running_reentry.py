# a generator cannot be resumed while it is already running
def g():
    yield me_next()
def me_next():
    try:
        return next(gen)
    except ValueError:
        return 'ValueError: already executing'
gen = g()
print(next(gen))
def ok():
    yield 1
    yield 2
o = ok()
print(next(o), next(o))
def sender():
    x = yield 'first'
    yield 'got %s' % x
s = sender()
print(s.send(None), s.send('value'))
