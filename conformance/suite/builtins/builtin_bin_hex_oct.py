# bin(), hex() and oct() of positive, negative and big ints
for n in (0, 1, 7, 8, 255, 256, -1, -255, 2 ** 64, -(2 ** 70) + 1):
    print(n, bin(n), hex(n), oct(n))
print(int(bin(12345), 2), int(hex(12345), 16), int(oct(12345), 8))
try:
    hex(1.5)
except TypeError:
    print('TypeError')
