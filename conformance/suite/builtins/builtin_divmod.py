# divmod() with ints, floats and big ints of all sign combinations
for a in (7, -7, 0, 13, 2 ** 65, -(2 ** 65)):
    for b in (3, -3, 1, 2 ** 33):
        print(a, b, divmod(a, b), divmod(a, b) == (a // b, a % b))
print(divmod(7.5, 2), divmod(-7.5, 2), divmod(7, 0.5))
for b in (0, 0.0):
    try:
        divmod(1, b)
    except ZeroDivisionError:
        print('ZeroDivisionError')
