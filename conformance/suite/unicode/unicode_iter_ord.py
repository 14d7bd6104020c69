# iterating over characters and ord/chr across planes
s = 'A¢€𐍈'
print([ord(c) for c in s])
print(''.join(chr(ord(c)) for c in s) == s)
for cp in (0x41, 0xa2, 0x20ac, 0x10348, 0x7f, 0x80, 0x7ff, 0x800, 0xffff, 0x10000, 0x10ffff):
    c = chr(cp)
    print(hex(cp), len(c), len(c.encode()), ord(c) == cp)
print(list(reversed('αβγ')) == ['γ', 'β', 'α'], sorted('γαβ') == ['α', 'β', 'γ'])
