# positional parameters and argument count errors
def f0():
    return 'none'
def f1(a):
    return a
def f3(a, b, c):
    return (a, b, c)
print(f0(), f1(1), f3(1, 2, 3), f3(*'xyz'))
for call in (lambda: f1(), lambda: f1(1, 2), lambda: f3(1, 2), lambda: f0(1)):
    try:
        call()
    except TypeError:
        print('TypeError')
def many(a, b, c, d, e, f, g, h, i, j):
    return a + b + c + d + e + f + g + h + i + j
print(many(*range(10)), many(1, 2, 3, 4, 5, 6, 7, 8, 9, 10))
