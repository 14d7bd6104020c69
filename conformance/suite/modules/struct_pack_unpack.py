# struct.pack/unpack for integer formats and byte orders
import struct
print(struct.pack('<bBhHiI', -1, 255, -2, 65535, -3, 4294967295))
print(struct.pack('>bBhHiI', -1, 255, -2, 65535, -3, 4294967295))
print(struct.pack('<qQ', -1, 2 ** 64 - 1), struct.pack('>q', 2 ** 62))
print(struct.unpack('<hH', b'\xff\xff\xff\xff'), struct.unpack('>iI', b'\x80\x00\x00\x00\x80\x00\x00\x00'))
print(struct.unpack('<Q', b'\x01' * 8), struct.unpack('<3B', b'\x01\x02\x03'))
data = struct.pack('<HHI', 1, 2, 3)
print(len(data), struct.unpack('<HHI', data))
print(struct.pack('!H', 258), struct.unpack('!H', b'\x01\x02'))
