# abs() on ints, floats, big ints, complex and user classes
print(abs(0), abs(-0), abs(5), abs(-5), abs(-2 ** 100), abs(2 ** 100))
print(abs(-1.5), abs(1.5), abs(-0.0), abs(float('-inf')))
print(abs(3 + 4j), abs(-5j))
class A:
    def __abs__(self):
        return 'absolute'
print(abs(A()))
try:
    abs('x')
except TypeError:
    print('TypeError')
print([abs(x) for x in range(-3, 4)])
