# send and throw pass through yield from to the inner generator
def inner():
    total = 0
    while True:
        try:
            v = yield total
        except KeyError:
            print('inner handled KeyError')
            continue
        if v is None:
            return total
        total += v
def outer():
    result = yield from inner()
    print('inner returned', result)
    yield 'outer end'
g = outer()
print(next(g))
print(g.send(5))
print(g.send(7))
g.throw(KeyError)
print(g.send(1))
print(g.send(None))
def closer():
    try:
        yield 1
    finally:
        print('inner finally on close')
def wrap():
    yield from closer()
w = wrap()
next(w)
w.close()
print('closed')
