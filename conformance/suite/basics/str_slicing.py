# str indexing and slicing
s = 'abcdefghij'
print(s[0], s[-1], s[5], s[-3])
print(s[2:5], s[:3], s[7:], s[:], s[-3:], s[:-3])
print(s[100:], s[-100:3], s[3:1], repr(s[5:5]))
print(list(s)[::3], list(s)[::-3], ''.join(reversed(s)))
for i in range(-3, 3):
    print(i, s[i:i + 3])
try:
    s[10]
except IndexError:
    print('IndexError')
print(len(s), len(s[2:8]), len(s[-4:]))
