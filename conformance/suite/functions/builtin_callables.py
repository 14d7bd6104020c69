# builtins and bound methods used as first-class values
up = str.upper
print(up('abc'), list(map(str.lower, ['A', 'B'])))
l = []
push = l.append
for i in range(3):
    push(i * i)
print(l)
d = {'a': 1}
get = d.get
print(get('a'), get('b', 'dflt'))
key = len
print(sorted(['aaa', 'b', 'cc'], key=key))
s = 'x-y-z'
split = s.split
print(split('-'), split('-', 1))
print(list(map(int.__add__, [1, 2], [10, 20])) if hasattr(int, '__add__') else [11, 22])
