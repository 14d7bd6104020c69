# pow with modulus, negative exponents and big results
print(pow(2, 10), pow(2, 10, 1000), pow(3, 4, 5), pow(-2, 3), pow(2, -1))
print(pow(5, 0, 7), pow(0, 5), pow(123456789, 12345, 1000000007))
print(pow(2, 100, 2 ** 61 - 1), pow(7, 2 ** 20, 1000))
print(2 ** 64, -(2 ** 63), 10 ** 18, (-3) ** 41)
print(2 ** -2, 10 ** -1 == 0.1)
for b in range(2, 6):
    print(b, [b ** e for e in range(6)])
try:
    pow(2, 3, 0)
except ValueError:
    print('ValueError mod 0')
