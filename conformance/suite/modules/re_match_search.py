# re.match anchors at the start, re.search scans; groups by index
import re
print(re.match('abc', 'abcdef') is not None, re.match('bcd', 'abcdef'), re.search('bcd', 'abcdef').group(0))
m = re.match(r'(\w+) (\w+)', 'hello world again')
print(m.group(0), m.group(1), m.group(2))
m = re.search(r'(\d+)\.(\d+)', 'version 12.34 released')
print(m.group(0), m.group(1), m.group(2))
print(re.match('a+', 'aaab').group(0), re.match('a*', 'bbb').group(0) == '', re.search('x', 'abc'))
print(re.match('[0-9a-f]+', 'deadbeefZZ').group(0), re.match('[^a]+', 'bcda').group(0))
print(re.search('^start', 'start here') is not None, re.search('end$', 'the end') is not None, re.search('^end', 'the end'))
print(re.match('(a|b)+c', 'ababc').group(0), re.match('colou?r', 'color').group(0), re.match('colou?r', 'colour').group(0))
