# struct with native-size formats and repeated counts
import struct
print(struct.calcsize('B'), struct.calcsize('H'), struct.calcsize('I'), struct.calcsize('Q'), struct.calcsize('d'))
print(struct.pack('<3H', 1, 2, 3), struct.unpack('<2I', struct.pack('<2I', 7, 8)))
vals = struct.unpack('<bhiq', struct.pack('<bhiq', -1, -300, -70000, -(2 ** 40)))
print(vals)
print(struct.pack('>I', 0xdeadbeef), hex(struct.unpack('<I', b'\xef\xbe\xad\xde')[0]))
