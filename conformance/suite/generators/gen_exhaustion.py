# exhausted generators stay exhausted; generator objects are single-use
def g():
    yield 1
    yield 2
it = g()
print(list(it), list(it), next(it, 'empty'))
it = g()
print(1 in it, list(it))
it = g()
for x in it:
    print('first loop', x)
    break
for x in it:
    print('second loop', x)
z = zip(g(), g())
print(list(z), list(z))
