# io.BytesIO reading, writing and seeking
import io
b = io.BytesIO()
print(b.write(b'abc'), b.write(bytearray(b'de')), b.getvalue(), b.tell())
b.seek(1)
print(b.read(2), b.read(), b.read(), b.tell())
b.seek(0)
b.write(b'XY')
print(b.getvalue())
r = io.BytesIO(b'\x00\x01\x02\x03')
print(r.read(1), r.read(10), r.seek(2), r.read())
l = io.BytesIO(b'one\ntwo\n')
print(l.readline(), l.readline(), l.readline())
