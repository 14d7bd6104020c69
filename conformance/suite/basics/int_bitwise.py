# small-int bitwise operators and shifts
for a in (0, 1, 5, -5, 255, -256, 0x55aa):
    print(a, a & 0xf0, a | 0x0f, a ^ 0xff, ~a, a << 3, a >> 2)
x = 0
for i in range(8):
    x |= 1 << (i * 2)
print(x, bin(x))
x &= ~0x0f
print(x, hex(x))
x ^= 0xffff
print(x)
print(1 << 30, 1 << 31, 1 << 32, 1 << 62, 1 << 63, 1 << 64)
print(-1 >> 10, -1024 >> 3, 1023 >> 3)
print(True & 3, True | 2, True + True)
