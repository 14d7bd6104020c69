# in-place operator methods and fallback to binary operators
class Bag:
    def __init__(self, items=()):
        self.items = list(items)
    def __iadd__(self, other):
        self.items.extend(other)
        return self
    def __add__(self, other):
        return Bag(self.items + list(other))
    def __isub__(self, other):
        for x in other:
            self.items.remove(x)
        return self
class Num:
    def __init__(self, v):
        self.v = v
    def __mul__(self, k):
        return Num(self.v * k)
b = Bag([1])
orig = b
b += [2, 3]
print(b.items, b is orig)
c = b + [4]
print(c.items, b.items, c is b)
b -= [1]
print(b.items)
n = Num(3)
m = n
n *= 4
print(n.v, m.v, n is m)
