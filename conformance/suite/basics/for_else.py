# for loops with else, break, continue and iteration over many types
for i in range(3):
    pass
else:
    print('else after', i)
for i in range(10):
    if i == 4:
        break
else:
    print('not printed')
print('broke at', i)
def find(seq, x):
    for i, v in enumerate(seq):
        if v == x:
            break
    else:
        return -1
    return i
print(find('hello', 'l'), find('hello', 'z'), find([], 1))
for c in 'ab':
    print(c)
for k in {'x': 1}:
    print(k)
for b in b'\x01\x02':
    print(b)
for x in []:
    print('never')
else:
    print('empty else')
for i in range(3):
    for j in range(3):
        if j == 1:
            break
        print(i, j)
    else:
        print('inner else')
