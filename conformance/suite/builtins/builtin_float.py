# float() conversions from strings, ints and special values
print(float(), float(0), float(7), float(-3), float(True), float(2 ** 40))
print(float('1.5'), float('-2.25'), float('  3  '), float('1e2'), float('-1E-2'), float('.5'), float('5.'))
print(float('inf'), float('-inf'), float('Infinity'), float('nan') != float('nan'))
print(float(1.25), float('0.0'), float('-0.0'))
for bad in ('', 'abc', '1.2.3', '1e', '--1'):
    try:
        float(bad)
    except ValueError:
        print('ValueError', repr(bad))
print(int(float('123.75')), round(float('2.5')), float(10 ** 15))
