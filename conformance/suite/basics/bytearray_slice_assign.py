# bytearray slice assignment and deletion
ba = bytearray(b'0123456789')
ba[2:4] = b'ab'
print(ba)
ba[2:4] = b'XYZW'
print(ba)
ba[0:3] = b''
print(ba)
ba[len(ba):] = b'END'
print(ba)
ba[:0] = b'S'
print(ba)
ba[0:1] = b''
print(ba)
ba[1:3] = b''
print(ba)
ba[1:2] = bytearray(b'--')
print(ba, len(ba))
m = memoryview(ba)
m[0] = 33
print(ba[:3], bytes(m[1:4]))
