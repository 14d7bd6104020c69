# closures capture variables, not values; default-arg trick
fs = []
for i in range(3):
    fs.append(lambda: i)
print([f() for f in fs])
fs = [lambda i=i: i for i in range(3)]
print([f() for f in fs])
def make():
    out = []
    for k in range(3):
        def g(k=k):
            return k * 10
        out.append(g)
    return out
print([g() for g in make()])
def counter():
    n = 0
    def step():
        nonlocal n
        n += 1
        return n
    return step
c1, c2 = counter(), counter()
print(c1(), c1(), c2(), c1())
def late():
    fs = [lambda: v for v in 'ab']
    v = 'changed'
    return [f() for f in fs]
print(late())
