# bitwise operations on big and negative integers
a = (1 << 90) | 0x123456789
b = (1 << 70) - 1
vals = [a, b, -a, -b, 12345, -12345, 0, -1]
for x in vals:
    print(x & b, x | 0xff, x ^ (1 << 65))
print(~a, ~b, ~0, ~-1)
print(a & -a, (-a) & 0xffffffff)
print(-a | 1, -a ^ -b)
for s in (0, 1, 31, 32, 63, 64, 65, 100):
    print(s, 1 << s, a >> s, -a >> s)
print((a >> 90), (a << 10) >> 10 == a)
print(0xffffffffffffffffffff + 1)
print(bin(-b)[:20], hex(-a))
