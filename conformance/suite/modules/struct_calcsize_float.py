# struct.calcsize and float formats
import struct
for fmt in ('<b', '<h', '<i', '<q', '<f', '<d', '<bhi', '>4s', '<2H', '<10s'):
    print(fmt, struct.calcsize(fmt))
print(struct.pack('<f', 1.5), struct.pack('>d', -2.25), struct.unpack('<f', struct.pack('<f', 0.5)))
print(struct.unpack('<d', struct.pack('<d', 1e100))[0] == 1e100)
print(struct.pack('<4s', b'ab'), struct.pack('<2s', b'abcd'), struct.unpack('<3s', b'xyz'))
