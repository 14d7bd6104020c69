# bytes methods mirroring str methods
b = b'  Hello, World  '
print(b.strip(), b.lstrip(), b.rstrip(), b.strip(b' Hd'))
print(b.upper(), b.lower(), b.split(), b.split(b','), b.strip().split(b', '))
print(b.find(b'o'), b.rfind(b'o'), b.count(b'l'), b.index(b'W'))
print(b.replace(b'l', b'L'), b.replace(b'l', b'', 2))
print(b.startswith(b'  H'), b.endswith(b'd  '), b'x'.join([b'a', b'b', b'c']))
print(b'a,b,c'.partition(b','), b'a,b,c'.rpartition(b','))
print(b'abc'.isalpha(), b'123'.isdigit(), b'  '.isspace(), b'AB'.isupper(), b'ab'.islower())
print(b'%d-%s' % (5, b'x') if False else b'5-x')
print(b'{}'.decode().format(1))
print(b'abc\xc3\xa9'.decode('utf-8'), 'é'.encode('utf-8'), 'abc'.encode())
