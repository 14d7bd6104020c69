# pow() with two and three arguments
print(pow(2, 8), pow(-2, 3), pow(2, 0), pow(0, 0), pow(10, 20), pow(2, -1), pow(4, 0.5), pow(2.0, 3))
print(pow(3, 100, 7), pow(2, 1000, 10 ** 9 + 7), pow(-3, 3, 5), pow(7, 0, 3), pow(12345678901234567890, 3, 99991))
print(pow(2, 100) == 2 ** 100, pow(3, 2, 1))
for args in ((2, 3, 0), (5, 2, 0)):
    try:
        print(pow(*args))
    except ValueError:
        print('ValueError', args)
try:
    pow(2.0, 2, 3)
except TypeError:
    print('TypeError float with modulus')
