# binascii.crc32 values and incremental computation
import binascii
for data in (b'', b'a', b'hello', b'The quick brown fox jumps over the lazy dog', bytes(256)):
    print(len(data), binascii.crc32(data))
c = binascii.crc32(b'hello ')
print(binascii.crc32(b'world', c) == binascii.crc32(b'hello world'))
print(binascii.crc32(b'x', 0), binascii.crc32(b'x', 12345))
