# chained generator pipeline
def read(lines):
    for l in lines:
        yield l
def strip(src):
    for l in src:
        yield l.strip()
def nonempty(src):
    for l in src:
        if l:
            yield l
def numbered(src):
    n = 0
    for l in src:
        n += 1
        yield '%d: %s' % (n, l)
lines = ['  first ', '', 'second', '   ', ' third']
for out in numbered(nonempty(strip(read(lines)))):
    print(out)
def take(n, it):
    for i, x in enumerate(it):
        if i >= n:
            return
        yield x
def naturals():
    n = 1
    while True:
        yield n
        n += 1
print(list(take(5, (x * x for x in naturals() if x % 2))))
