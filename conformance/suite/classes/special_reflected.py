# reflected operators (__radd__ etc.) and NotImplemented fallbacks
class M:
    def __init__(self, v):
        self.v = v
    def __repr__(self):
        return 'M(%r)' % self.v
    def __add__(self, o):
        if isinstance(o, M):
            return M(self.v + o.v)
        if isinstance(o, int):
            return M(self.v + o)
        return NotImplemented
    def __radd__(self, o):
        return M(o + self.v) if isinstance(o, int) else NotImplemented
    def __mul__(self, o):
        return M(self.v * o)
    def __rmul__(self, o):
        return M(o * self.v * 10)
    def __rsub__(self, o):
        return M(o - self.v)
print(M(1) + M(2), M(1) + 5, 5 + M(1), 3 * M(2), M(2) * 3, 10 - M(4))
print(sum([M(1), M(2), M(3)]))
try:
    M(1) + 'x'
except TypeError:
    print('TypeError M + str')
try:
    'x' + M(1)
except TypeError:
    print('TypeError str + M')
