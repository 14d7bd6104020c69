# nested tuple/list unpacking in assignments and for loops
(a, b), c = (1, 2), 3
print(a, b, c)
a, (b, (c, d)) = 1, (2, (3, 4))
print(a, b, c, d)
for i, (x, y) in enumerate([(5, 6), (7, 8)]):
    print(i, x, y)
data = {'k1': (1, 2), 'k2': (3, 4)}
for k, (u, v) in sorted(data.items()):
    print(k, u + v)
x = y = z = 0
print(x, y, z)
l = [0, 0, 0]
i = 0
i, l[i] = 1, 9
print(i, l)
s, t = 'xy'
print(s, t)
m = {}
m['a'], m['b'] = 1, 2
print(sorted(m.items()))
