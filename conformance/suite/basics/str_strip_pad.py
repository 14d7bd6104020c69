# str strip family and padding
s = '  \t hello world \n '
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()))
print(repr('xxhixx'.strip('x')), repr('xyhiyx'.strip('xy')), repr('abc'.lstrip('ba')), repr('abc'.rstrip('cb')))
print(repr(''.strip()), repr('   '.strip()))
print(repr('ab'.center(6)), repr('abc'.center(7)), repr('abc'.center(2)))
print(repr('{:>6}'.format('ab')), repr('{:<6}'.format('ab')), repr('{:^6}'.format('ab')), repr('{:*^7}'.format('ab')))
print(repr('%5s|%-5s|' % ('a', 'b')))
