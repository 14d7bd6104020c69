# *args collects extra positional arguments as a tuple
def f(*args):
    return type(args).__name__, args
print(f(), f(1), f(1, 2, 3), f(*[4, 5]), f(*'ab', *[1]))
def g(a, b=2, *rest):
    return a, b, rest
print(g(1), g(1, 3), g(1, 3, 4, 5))
def total(*nums):
    s = 0
    for n in nums:
        s += n
    return s
print(total(), total(1, 2, 3), total(*range(100)))
def first_rest(first, *rest):
    return first, list(rest)
print(first_rest('x'), first_rest('x', 'y', 'z'))
def passthrough(*a):
    return f(*a)
print(passthrough(9, 8))
