# integers around the small-int and machine-word boundaries
vals = [-17, -16, -15, 46, 47, 48, 63, 64, 127, 128, 255, 256,
        2 ** 29 - 1, 2 ** 29, 2 ** 30 - 1, 2 ** 30, 2 ** 30 + 1, -2 ** 30, -2 ** 30 - 1,
        2 ** 31 - 1, 2 ** 31, -2 ** 31, -2 ** 31 - 1, 2 ** 32, 2 ** 62, 2 ** 63 - 1, 2 ** 63, -2 ** 63, -2 ** 63 - 1, 2 ** 64]
for v in vals:
    print(v, v + 1, v - 1, v * 2, v // 3, -v, v >> 1, v & 0xff)
print(sum(vals), max(vals), min(vals))
n = 1
for i in range(70):
    n = n * 2 + (i & 1)
print(n)
