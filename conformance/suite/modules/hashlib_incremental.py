# incremental hashing equals one-shot hashing for many chunkings
import hashlib
data = bytes(i * 7 % 256 for i in range(1000))
whole = hashlib.sha256(data).digest()
for chunk in (1, 7, 64, 100, 999):
    h = hashlib.sha256()
    for i in range(0, len(data), chunk):
        h.update(data[i:i + chunk])
    print(chunk, h.digest() == whole)
s1 = hashlib.sha1()
s1.update(b'')
print(s1.digest() == hashlib.sha1().digest())
