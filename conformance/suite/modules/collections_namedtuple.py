# collections.namedtuple: field access, tuple behaviour, repr
from collections import namedtuple
Point = namedtuple('Point', 'x y')
p = Point(1, 2)
print(p, p.x, p.y, p[0], p[1], len(p), tuple(p), p == (1, 2))
q = Point(y=5, x=4)
print(q, q.x + q.y)
x, y = q
print(x, y)
Color = namedtuple('Color', ['r', 'g', 'b'])
c = Color(255, 128, 0)
print(c, c.g, isinstance(c, tuple), max(c), list(c)[::-1])
try:
    c.r = 1
except AttributeError:
    print('AttributeError immutable')
print(Point(1, 2) < Point(1, 3), sorted([Point(3, 1), Point(1, 9)]))
