# a coroutine-style consumer using send
def grep(pattern, out):
    while True:
        line = yield
        if pattern in line:
            out.append(line)
found = []
c = grep('py', found)
next(c)
for line in ['python', 'java', 'micropython', 'c']:
    c.send(line)
print(found)
def accumulate():
    items = []
    while True:
        item = yield items[:]
        if item == 'reset':
            items.clear()
        else:
            items.append(item)
a = accumulate()
next(a)
print(a.send(1), a.send(2), a.send('reset'), a.send(3))
def pingpong():
    msg = 'start'
    while msg != 'stop':
        msg = yield msg.upper()
p = pingpong()
print(next(p), p.send('ping'), p.send('pong'))
try:
    p.send('stop')
except StopIteration:
    print('stopped')
