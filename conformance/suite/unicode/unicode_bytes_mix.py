# bytes with UTF-8 content, partial decoding and byte-level slicing
b = 'héllo wörld'.encode()
print(len(b), b[:2], b[1:3].decode(), b.count(b'\xc3'))
print(b.split(b' '), *[p.decode() for p in b.split(b' ')])
print(b.find('ö'.encode()), b.replace('é'.encode(), b'e').decode())
parts = [b'\xe6\x97', b'\xa5\xe6\x9c\xac']
print((parts[0] + parts[1]).decode())
for bad in (b'\xff', b'\xc3', b'\x80abc'):
    try:
        bad.decode('utf-8')
        print('decoded', len(bad))
    except UnicodeError:
        print('UnicodeError', len(bad))
