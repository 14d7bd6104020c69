# property() built from functions and decorators, with docstring-free getters
class Circle:
    def __init__(self, r):
        self._r = r
    def _get_r(self):
        return self._r
    def _set_r(self, v):
        self._r = max(0, v)
    radius = property(_get_r, _set_r)
    @property
    def diameter(self):
        return self._r * 2
c = Circle(3)
print(c.radius, c.diameter)
c.radius = -5
print(c.radius, c.diameter)
c.radius = 10
print(c.radius, c.diameter)
try:
    c.diameter = 1
except AttributeError:
    print('AttributeError: no setter')
print(type(Circle.radius).__name__)
