# arbitrary-precision integer arithmetic
a = 2 ** 100
b = 3 ** 70
print(a, b)
print(a + b, a - b, b - a)
print(a * b)
print(a // 12345, a % 12345)
print(-a // 12345, -a % 12345)
print(b // a, b % a)
print(divmod(b, -a))
print(a ** 2)
print(-(a ** 3))
x = 1
for i in range(1, 40):
    x *= i
print('39! =', x)
print(x // (2 ** 64), x % (2 ** 64))
print(abs(-a), a == 2 ** 100, a != b, a < b, b > a, a <= a)
print(a + 1 > a, -a < 0, 0 - a == -a)
print(pow(3, 200) == 3 ** 200, pow(2, 200, 1000007))
print(int('123456789012345678901234567890') * 10)
print(int('-99999999999999999999999999') - 1)
print(hex(a), oct(a), bin(2 ** 70))
print(str(10 ** 30), repr(-(10 ** 25)))
print((10 ** 20) // 7, (10 ** 20) % 7)
print(1 << 80, (1 << 80) >> 79, -(1 << 80) >> 3)
