# global and nonlocal declarations
counter = 0
def inc():
    global counter
    counter += 1
inc(); inc()
print(counter)
def make_global():
    global created
    created = 'yes'
make_global()
print(created)
def outer():
    x = 1
    def inner():
        nonlocal x
        x += 10
        return x
    inner()
    r = inner()
    return x, r
print(outer())
def deep():
    v = 0
    def mid():
        def leaf():
            nonlocal v
            v += 1
        leaf(); leaf()
    mid()
    return v
print(deep())
def shadow():
    counter = 'local'
    return counter
print(shadow(), counter)
def read_global():
    return counter + 100
print(read_global())
