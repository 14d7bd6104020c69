# str.replace with counts and edge cases
s = 'one two one two one'
print(s.replace('one', '1'))
print(s.replace('one', '1', 2))
print(s.replace('one', '1', 0))
print(s.replace('three', '3'))
print(s.replace(' ', ''))
print('aaa'.replace('a', 'bb'))
print('abc'.replace('', '-'))
print('abc'.replace('', '-', 2))
print(''.replace('', 'x'))
print('aaaa'.replace('aa', 'b'))
print('mississippi'.replace('ss', 'SS').replace('i', 'I', 2))
