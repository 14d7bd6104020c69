# class definition, instances, methods, class and instance attributes
class Point:
    dims = 2
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def norm2(self):
        return self.x * self.x + self.y * self.y
    def moved(self, dx, dy):
        return Point(self.x + dx, self.y + dy)
p = Point(3, 4)
q = p.moved(1, 1)
print(p.x, p.y, p.norm2(), q.x, q.y, Point.dims, p.dims)
p.dims = 3
print(p.dims, Point.dims, q.dims)
Point.dims = 5
print(q.dims, p.dims)
print(type(p).__name__, type(p) is Point, isinstance(p, Point))
m = p.norm2
print(m(), Point.norm2(q))
class Empty:
    pass
e = Empty()
e.anything = 1
print(e.anything, Empty.__name__)
