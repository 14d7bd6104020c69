# constant expressions the compiler may fold, checked against run-time values
a = 1 + 2 * 3 - 4
b = (1 << 20) | (1 << 3)
c = -(-7) // 2
d = 2 ** 10 + 2 ** 0
e = ~0xff & 0xffff
f = 'ab' + 'cd'
g = 10 % 3 ** 2
h = 1 << 62
i = (1 << 64) - 1
j = -2 ** 63
k = 0x7fffffff + 1
print(a, b, c, d, e, f, g, h, i, j, k)
x = 3
print(1 + 2 * x, (1 << 20) | x, x ** 2 ** 2, -x // 2, ~x, not x, x and 5, x or 5)
print(1 if True else 2, 'const' if 0 else 'other', (1, 2) + (3,), [1] * 3)
