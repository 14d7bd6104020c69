# bytearray mutation: append, extend, item assignment, pop, remove, insert
ba = bytearray(b'abc')
ba.append(100)
ba.extend(b'ef')
ba.extend([103, 104])
print(ba, len(ba))
ba[0] = 65
ba[-1] = 72
print(ba, ba[0], ba[1:3])
print(bytearray(4), bytearray([1, 2, 3]), bytearray(b'xy') + b'z', bytearray(b'ab') + bytearray(b'ab'))
x = bytearray(b'12')
x += b'34'
print(x, x == b'1234', b'1234' == x, bytes(x))
print(list(bytearray(b'\x00\x7f\x80\xff')))
print(bytearray(b'hello').decode(), bytearray(b'abc').find(b'c'))
print(bytearray(b'abc') < bytearray(b'abd'), b'c' in bytearray(b'abc'))
