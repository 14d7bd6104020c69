# nonlocal rebinding in closures, including multiple levels
def make_counter(start=0):
    count = start
    def inc(step=1):
        nonlocal count
        count += step
        return count
    def get():
        return count
    return inc, get
inc, get = make_counter(5)
inc(); inc(10)
print(get())
def outer():
    x = 'outer'
    def middle():
        x = 'middle'
        def inner():
            nonlocal x
            x = 'inner-set'
        inner()
        return x
    m = middle()
    return x, m
print(outer())
def accum():
    total = 0
    items = []
    def add(v):
        nonlocal total
        total += v
        items.append(v)
        return total
    return add
a = accum()
print([a(i) for i in range(5)])
def swap():
    a, b = 1, 2
    def do():
        nonlocal a, b
        a, b = b, a
    do()
    return a, b
print(swap())
