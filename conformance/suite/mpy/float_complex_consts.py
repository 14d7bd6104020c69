# float and complex constants survive the constant table exactly
vals = [0.0, -0.0, 0.5, 1.25, -3.75, 1e10, 1e-10, 123456.789, 1e300, 2.5e-300, 1e16, 9007199254740993.0]
print(vals[0], vals[1], vals[2], vals[3], vals[4])
print(vals[5] == 10 ** 10, vals[6] * 1e10, vals[9] > 0, vals[8] * 10 > vals[8])
print(vals[10] == 10 ** 16, vals[11] == 2 ** 53, int(vals[7] * 1000))
c = [1j, complex(0, -2), 3 + 4j, 0.5 - 0.25j, 1e3j]
print(c[0], c[1], c[2], c[3], c[4], abs(c[2]))
print(c[2] * c[2].conjugate() if hasattr(c[2], 'conjugate') else (25 + 0j))
print(float('1.5') == 1.5, 1.5 == 3 / 2, 0.1 + 0.2 == 0.3, 0.5 + 0.25 == 0.75)
