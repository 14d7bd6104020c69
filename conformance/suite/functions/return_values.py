# return: implicit None, multiple values, early returns
def none1():
    pass
def none2():
    return
def multi():
    return 1, 'two', [3]
def early(x):
    if x < 0:
        return 'neg'
    for i in range(10):
        if i == x:
            return 'found %d' % i
    return 'not found'
print(none1(), none2(), multi(), type(multi()).__name__)
a, b, c = multi()
print(a, b, c)
print(early(-1), early(3), early(20))
def in_loop():
    while True:
        return 'from while'
print(in_loop())
def ret_func():
    return ret_func
print(ret_func()()() is ret_func)
