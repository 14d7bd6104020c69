# length, indexing and slicing count code points, not bytes
s = 'aé€😀z'
print(len(s), len(s.encode('utf-8')))
for i in range(len(s)):
    print(i, s[i], ord(s[i]), len(s[i].encode()))
print(s[1:3], s[-2:], s[:0] == '', s[3], s[-1])
print(s[1:4] == 'é€😀', s.find('€'), s.find('😀'), s.index('z'), s.rfind('é'))
