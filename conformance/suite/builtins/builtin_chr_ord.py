# chr() and ord() round trips, including non-ASCII code points
for c in 'aZ09 ~\n':
    print(repr(c), ord(c), chr(ord(c)) == c)
for n in (0, 32, 65, 127, 128, 255, 256, 1000, 0x20ac, 0xffff, 0x10000, 0x1f600):
    print(n, ord(chr(n)) == n, len(chr(n)), len(chr(n).encode('utf-8')))
print(ord(b'a'), ord(b'\xff'))
for bad in (-1, 0x110000):
    try:
        chr(bad)
    except ValueError:
        print('ValueError', bad)
try:
    ord('ab')
except TypeError:
    print('TypeError')
