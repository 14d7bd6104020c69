# compiled patterns: match, search, sub and split
import re
num = re.compile(r'-?\d+')
print(num.match('-42 rest').group(0), num.search('abc 17 def').group(0), num.match('x1'))
print(num.sub('#', 'a1 b22 c-3'))
comma = re.compile(',')
print(comma.split('a,b,,c'), comma.split('a,b,c', 1), comma.split('none'))
ws = re.compile(r'\s+')
print(ws.split('one  two\tthree\nfour'))
word = re.compile(r'(\w)(\w*)')
print(word.sub(lambda m: m.group(1).upper() + m.group(2), 'title case words'))
pairs = re.compile(r'(\w+)=(\w+)')
m = pairs.search('  key=value  ')
print(m.group(1), m.group(2))
