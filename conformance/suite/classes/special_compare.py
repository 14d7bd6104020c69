# rich comparison methods and sorting user objects
class Ver:
    def __init__(self, s):
        self.t = tuple(int(p) for p in s.split('.'))
    def __repr__(self):
        return 'Ver(%s)' % '.'.join(str(p) for p in self.t)
    def __eq__(self, o):
        return self.t == o.t
    def __lt__(self, o):
        return self.t < o.t
    def __le__(self, o):
        return self.t <= o.t
    def __gt__(self, o):
        return self.t > o.t
    def __ge__(self, o):
        return self.t >= o.t
vs = [Ver('1.10'), Ver('1.2'), Ver('0.9.9'), Ver('1.2.1')]
print(sorted(vs), max(vs), min(vs))
a, b = Ver('1.0'), Ver('1.0.1')
print(a < b, a <= b, a > b, a >= b, a == b, a != b, a == Ver('1.0'))
class OnlyLt:
    def __init__(self, v):
        self.v = v
    def __lt__(self, o):
        return self.v < o.v
print([o.v for o in sorted([OnlyLt(3), OnlyLt(1), OnlyLt(2)])])
print(OnlyLt(1) < OnlyLt(5), OnlyLt(5) < OnlyLt(1))
