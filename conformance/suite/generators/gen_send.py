# generator.send() passes values into a paused generator
def echo():
    received = []
    while True:
        v = yield len(received)
        if v is None:
            break
        received.append(v)
    yield received
g = echo()
print(g.send(None))
print(g.send('a'))
print(g.send('b'))
print(g.send(None))
def averager():
    total = count = 0
    avg = None
    while True:
        x = yield avg
        total += x
        count += 1
        avg = total / count
a = averager()
next(a)
print([a.send(x) for x in (10, 20, 60)])
g = echo()
try:
    g.send('x')
except TypeError:
    print('TypeError: send non-None to new generator')
