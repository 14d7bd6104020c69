# very long string and bytes constants (length encodings beyond one and two bytes)
s300 = 'x' * 0 + 'The quick brown fox jumps over the lazy dog. ' * 7
b300 = b'\x00\x01\x02\x03\xfe\xff' * 50
long_lit = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
long_bytes = b"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
print(len(s300), len(b300), len(long_lit), len(long_bytes))
print(long_lit[250:], long_bytes[-8:], b300[:6], s300[-5:])
print(long_lit.count('f'), long_bytes.count(b'a'), sum(b300) % 1000)
print(long_lit == long_bytes.decode() + '0123456789abcdef0123456789abcdef', s300.split('.')[0])
