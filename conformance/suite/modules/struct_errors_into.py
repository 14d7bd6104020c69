# struct.pack_into/unpack_from and size mismatch errors
import struct
buf = bytearray(8)
struct.pack_into('<HH', buf, 2, 0x1234, 0xabcd)
print(buf, struct.unpack_from('<HH', buf, 2), struct.unpack_from('<B', buf))
try:
    struct.unpack('<I', b'\x00\x00')
except (ValueError, struct.error if hasattr(struct, 'error') else ValueError):
    print('error short buffer')
print(struct.unpack_from('<h', b'\x00\xff\xff', 1))
