# keyword arguments, ordering and error cases
def f(a, b, c=0):
    return 'a=%s b=%s c=%s' % (a, b, c)
print(f(1, 2), f(b=2, a=1), f(1, c=3, b=2), f(c=1, b=2, a=3))
def check(thunk):
    try:
        thunk()
        print('ok')
    except TypeError:
        print('TypeError')
check(lambda: f(1, 2, a=1))
check(lambda: f(1, d=4))
check(lambda: f(b=1))
check(lambda: f(1, b=2))
def g(x, y):
    return x - y
print(g(y=1, x=10), g(10, y=1))
