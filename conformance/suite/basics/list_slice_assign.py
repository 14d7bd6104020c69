# list slice assignment and deletion
l = list(range(10))
l[2:5] = ['a', 'b']
print(l)
l[2:4] = []
print(l)
l[:0] = [-2, -1]
print(l)
l[len(l):] = [10, 11]
print(l)
l[1:3] = list(range(3))
print(l)
del l[0:2]
print(l)
del l[-2:]
print(l)
l[:] = ('x', 'y', 'z')
print(l)
m = list(range(6))
m[1:5] = m[0:2]
print(m)
m[2:3] = m
print(m)
del m[:]
print(m)
