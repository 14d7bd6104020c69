# bytes() constructor forms
print(bytes(), bytes(0), bytes(4), bytes([0, 1, 127, 128, 255]), bytes(b'copy'))
print(bytes('abc', 'utf-8'), bytes('é', 'utf-8'), bytes(range(65, 70)), bytes(bytearray(b'ba')))
print(bytes((1, 2)), bytes(x * 2 for x in range(4)))
try:
    bytes('no encoding')
except TypeError:
    print('TypeError encoding')
try:
    bytes([-1])
except ValueError:
    print('ValueError')
b = bytes(5)
try:
    b[0] = 1
except TypeError:
    print('TypeError immutable')
print(len(bytes(100)), bytes(3) == b'\x00\x00\x00')
