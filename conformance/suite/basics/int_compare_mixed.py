# comparisons across int, float, bool and big ints
vals = [0, 1, -1, 1.0, 0.5, True, False, 2 ** 70, -(2 ** 70), 1e30]
for a in vals:
    print(a, [int(a < b) for b in vals], [int(a == b) for b in vals])
print(max(vals), min(vals), sorted(vals, key=lambda v: (v, str(v)))[0])
print(1 == 1.0 == True, 0 == -0.0 == False, 2 ** 70 == float(2 ** 70))
print(10 ** 30 < 1e31, 10 ** 30 > 1e29)
