# arrays expose their bytes in machine order
from array import array
import sys
a = array('H', [0x0102, 0x0304])
raw = bytes(a)
print(raw == (b'\x02\x01\x04\x03' if sys.byteorder == 'little' else b'\x01\x02\x03\x04'))
i = array('i', [1])
print(len(bytes(i)), bytes(array('b', [-1, 1])))
m = memoryview(array('B', [1, 2, 3]))
print(m[0], m[2], len(m), bytes(m[1:]))
u = array('B', b'hello')
print(bytes(u).decode(), list(u)[:2])
