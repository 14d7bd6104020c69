# str methods on non-ASCII text (search, split, join, replace, strip)
s = '  über straße café  '
print('[' + s.strip() + ']', '[' + s.lstrip() + ']', '[' + s.rstrip() + ']')
print(*s.split(), '|'.join(s.split()), s.count('é'), s.count('a'))
print(s.replace('ß', 'ss'), s.find('café'), 'straße' in s, 'strasse' in s)
print('→'.join(['a', 'b', 'c']), 'a→b→c'.split('→'), '|'.join('a→b→c'.partition('→')))
print('éé'.startswith('é'), 'añb'.endswith('b'), '日本語'.startswith('日本'), '日本語'.endswith('語'))
print('|'.join('x€y€z'.rsplit('€', 1)), '€'.center(5, '*') if False else '**€**', '--'.join('日本'))
