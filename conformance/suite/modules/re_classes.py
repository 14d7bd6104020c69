# regex character classes, escapes and quantifiers
import re
tests = [(r'\d+', 'abc123def'), (r'\D+', '123abc456'), (r'\w+', '  hi_there! '), (r'\W+', 'ab!?cd'), (r'\s+', 'a \t\nb'),
         (r'[A-Z][a-z]*', 'xx Hello'), (r'a.c', 'abc a-c'), (r'a\.c', 'abc a.c'), (r'x?y', 'y'), (r'(ab)+', 'xxababab'),
         (r'[-+]?\d+', 'val=-15'), (r'\[\]', 'a[]b'), (r'\\', 'back\\slash')]
for pat, s in tests:
    m = re.search(pat, s)
    print(pat, repr(m.group(0)) if m else None)
print(re.match('.*', 'line1 line2').group(0))
print(re.match('a+?', 'aaa').group(0), re.match('a*?b', 'aaab').group(0))
