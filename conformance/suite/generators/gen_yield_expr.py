# yield used as an expression in different positions
def g():
    a = yield 1
    b = (yield 2) + 10
    c = [(yield 3), (yield 4)]
    print('values', a, b, c)
    x = yield
    yield x
gen = g()
print(next(gen))
print(gen.send('A'))
print(gen.send(5))
print(gen.send('c0'))
print(gen.send('c1'))
print(gen.send('echo'))
def h():
    total = 0
    for i in range(3):
        total += (yield i) or 0
    yield 'total %d' % total
hh = h()
print(next(hh), hh.send(10), hh.send(20), hh.send(30))
