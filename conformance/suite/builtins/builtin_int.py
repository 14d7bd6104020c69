# int() constructor forms
print(int(), int(5), int(-5.9), int(5.9), int('42'), int('-42'), int(' 7 '), int(True))
print(int('101', 2), int('ff', 16), int('FF', 16), int('777', 8), int('z', 36), int('0x1f', 16), int('0b11', 0), int('0o17', 0))
print(int('9' * 30), int(-1e15), int(2 ** 100 + 0.0) == 2 ** 100)
for bad in ('', '1.5', 'abc', '0x', '12 3'):
    try:
        int(bad)
    except ValueError:
        print('ValueError', repr(bad))
try:
    int('2', 2)
except ValueError:
    print('ValueError base 2')
try:
    int([1])
except TypeError:
    print('TypeError list')
class I:
    def __int__(self):
        return 99
print(int(I()))
