# int() from strings, floats and bases
print(int('0'), int('-17'), int('  42  '), int('+8'))
print(int('ff', 16), int('FF', 16), int('0xff', 16), int('0xff', 0))
print(int('777', 8), int('0o777', 0), int('0b1011', 0), int('1011', 2))
print(int('z', 36), int('10', 36), int('123', 5))
print(int(3.9), int(-3.9), int(1e10), int(-0.5))
print(int(True), int(False), int(10 ** 20))
print(int('1_000_000'), int('0x_ff', 16))
for s in ['12a', '', ' ', '0x', '1.5', '--1', '2', '8']:
    try:
        print(repr(s), int(s, 8) if s in ('2', '8') else int(s))
    except ValueError:
        print(repr(s), 'ValueError')
print(bool(0), bool(7), float(7), str(-7))
print(round(2.5), round(3.5), round(-2.5), round(7.456, 1), round(1234, -2))
