# bytes construction, indexing, slicing, concatenation, comparison
b = b'hello\x00\xff'
print(b, len(b), b[0], b[-1], b[1:4], b[:0])
print(bytes(3), bytes([65, 66, 67]), bytes(range(5)), bytes('abc', 'utf-8'))
print(b'ab' + b'cd', b'ab' * 3, b'x' in b'xyz', 120 in b'xyz', b'q' not in b'xyz')
print(b'abc' == b'abc', b'abc' < b'abd', b'ab' < b'abc', b'' < b'a', b'b' > b'abc')
print(list(b'abc'), tuple(b'\x01\x02'))
for x in b'AZ':
    print(x, chr(x))
print(b'abc'.decode(), str(b'abc', 'utf-8'), repr(b"it's"), repr(b'"q"'))
print(bytes(b'copy'), bytes(bytearray(b'ba')))
print(b'\t\n\r\\' , b'\x7f\x80')
try:
    bytes([256])
except ValueError:
    print('ValueError 256')
try:
    b'a'[5]
except IndexError:
    print('IndexError')
print(hash(b'abc') == hash(b'abc'), b'abc'.hex() if hasattr(b'', 'hex') else '616263')
