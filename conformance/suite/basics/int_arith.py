# integer arithmetic: signs, floor division and modulo
vals = [0, 1, -1, 7, -7, 13, -13, 100]
divs = [1, -1, 2, -2, 3, -3, 7, -7]
for a in vals:
    row = []
    for b in divs:
        row.append((a // b, a % b))
    print(a, row)
for a in vals:
    print(a, a + 3, a - 3, a * 3, -a, +a, abs(a))
print(2 ** 10, (-2) ** 3, 2 ** 0, 0 ** 0, (-1) ** 99)
print(divmod(17, 5), divmod(-17, 5), divmod(17, -5), divmod(-17, -5))
print(1 + 2 * 3 - 4 // 2 % 3, (1 + 2) * (3 - 4))
print(7 / 2, -7 / 2, 6 / 3)
