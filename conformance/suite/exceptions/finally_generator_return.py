# MicroPython difference: an abandoned generator's finally block is not run when it is freed (cpydiff: __exit__ not called in a generator which does not run to completion)
def g():
    try:
        yield 1
        yield 2
        return 'done'
    finally:
        print('finally in g')
print(list(g()))
it = g()
print(next(it))
it.close()
print('closed')
def h():
    for i in range(3):
        try:
            yield i
        finally:
            print('cleanup', i)
for v in h():
    if v == 1:
        break
print('after break')
