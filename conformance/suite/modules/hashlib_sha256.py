# hashlib.sha256 digests (hex via binascii)
import hashlib, binascii
for data in (b'', b'abc', b'hello world', b'a' * 1000):
    print(len(data), binascii.hexlify(hashlib.sha256(data).digest()))
h = hashlib.sha256()
h.update(b'hello ')
h.update(b'world')
d = h.digest()
print(d == hashlib.sha256(b'hello world').digest(), len(d))
