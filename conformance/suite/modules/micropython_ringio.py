# micropython.RingIO: a byte ring buffer stream
import micropython

r = micropython.RingIO(8)
print(r, r.any())
print(r.write(b"abcdef"), r.any())
print(r.read(4), r.any())
print(r.write(b"ghijklmn"))  # wraps around; only room for 6
print(r.read())
r.write(b"line1\nli")
print(r.readline(), r.readline())
buf = bytearray(4)
r.write(b"xyz")
print(r.readinto(buf), buf)
print(r.read(), r.read(3))
store = bytearray(5)
r2 = micropython.RingIO(store)
print(r2.write(b"123456"), r2.read())
for bad in (0, bytearray(1), "x"):
    try:
        micropython.RingIO(bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__)
