# str split, rsplit, splitlines, partition, join
s = 'a,b,,c,d'
print(s.split(','), s.split(',', 1), s.split(',', 2), s.rsplit(',', 1), s.rsplit(',', 2))
print('  a  b c   '.split(), '  a  b c   '.split(None, 1), ''.split(), ''.split(','))
print('a b c'.rsplit(' ', 1), 'abc'.split('b'), 'abc'.split('abc'))
print('line1\nline2\r\nline3'.splitlines(), 'x\n\ny\n'.splitlines())
print('key=value=x'.partition('='), 'novalue'.partition('='), 'a=b=c'.rpartition('='))
print('-'.join(['a', 'b', 'c']), ''.join([]), ', '.join('xyz'), '.'.join(str(i) for i in range(5)))
print('::'.join(('1', '2')))
try:
    ','.join(['a', 1])
except TypeError:
    print('TypeError join')
try:
    'abc'.split('')
except ValueError:
    print('ValueError empty separator')
