# class-level state shared between instances and subclasses
class Shape:
    registry = []
    def __init__(self, name):
        self.name = name
        Shape.registry.append(name)
    def area(self):
        raise NotImplementedError
class Sq(Shape):
    def __init__(self, s):
        super().__init__('sq%d' % s)
        self.s = s
    def area(self):
        return self.s * self.s
class Rect(Shape):
    def __init__(self, w, h):
        super().__init__('rect%dx%d' % (w, h))
        self.w, self.h = w, h
    def area(self):
        return self.w * self.h
shapes = [Sq(2), Rect(2, 3), Sq(5)]
print(Shape.registry, [s.area() for s in shapes], sum(s.area() for s in shapes))
try:
    Shape('abstract').area()
except NotImplementedError:
    print('NotImplementedError')
print(sorted(shapes, key=lambda s: s.area())[0].name)
