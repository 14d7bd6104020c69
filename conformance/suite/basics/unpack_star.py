# star-unpacking in assignments
a, *b = [1, 2, 3, 4]
print(a, b)
*a, b = (1, 2, 3, 4)
print(a, b)
a, *b, c = range(5)
print(a, b, c)
a, *b, c = [1, 2]
print(a, b, c)
first, *rest = 'hello'
print(first, rest)
(x, y), *z = [(1, 2), 3, 4]
print(x, y, z)
[p, q] = 7, 8
print(p, q)
try:
    a, b = [1, 2, 3]
except ValueError:
    print('ValueError too many')
try:
    a, b, c = [1, 2]
except ValueError:
    print('ValueError not enough')
try:
    a, *b, c = [1]
except ValueError:
    print('ValueError star')
for h, *t in [(1, 2, 3), (4,), (5, 6)]:
    print(h, t)
