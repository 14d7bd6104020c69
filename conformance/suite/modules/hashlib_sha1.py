# hashlib.sha1 digests
import hashlib, binascii
for data in (b'', b'abc', b'The quick brown fox jumps over the lazy dog', bytes(range(256))):
    print(len(data), binascii.hexlify(hashlib.sha1(data).digest()))
h = hashlib.sha1(b'part1')
h.update(b'part2')
d = h.digest()
print(d == hashlib.sha1(b'part1part2').digest(), len(d))
