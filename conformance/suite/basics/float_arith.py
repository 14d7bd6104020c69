# float arithmetic with exactly representable results
vals = [0.5, -0.5, 1.25, -2.75, 3.0, 100.0, 0.0]
for a in vals:
    print(a, a + 1.5, a - 0.25, a * 4, a / 2, -a, abs(a))
for a, b in [(7.5, 2.0), (-7.5, 2.0), (7.5, -2.0), (-7.5, -2.0), (1.0, 0.25)]:
    print(a // b, a % b, divmod(a, b))
print(2.0 ** 10, 2.0 ** -2, 4.0 ** 0.5, (-8.0) ** 2)
print(1 + 0.5, 3 * 0.5, 10 / 4, 2 ** -1)
print(float('1.5'), float('-0.25'), float('  8 '), float('1e3'), float(3))
print(1e300 * 1e10, -1e300 * 1e10)
print(int(2.5e6), 1.5 == 3 / 2, 0.1 * 3 == 0.3)
print(float(2 ** 53), float(-(2 ** 60)))
x = 1.0
for i in range(10):
    x = x * 2 + 0.5
print(x)
