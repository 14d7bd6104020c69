# str searching: find, rfind, index, rindex, count, in
s = 'the quick brown fox jumps over the lazy dog'
for sub in ['the', 'o', 'z', 'xyz', '', 'dog', ' ']:
    print(repr(sub), s.find(sub), s.rfind(sub), s.count(sub), sub in s)
print(s.find('o', 13), s.find('o', 13, 15), s.rfind('o', 0, 20))
print(s.index('quick'), s.rindex('the'))
try:
    s.index('cat')
except ValueError:
    print('ValueError index')
try:
    s.rindex('cat')
except ValueError:
    print('ValueError rindex')
print('aaaa'.count('aa'), 'abcabc'.count('abc', 1))
print(s.find('the', -5), s[-8:].find('lazy'))
