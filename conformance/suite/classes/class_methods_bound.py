# bound and unbound methods, method identity and rebinding
class K:
    def __init__(self, v):
        self.v = v
    def get(self):
        return self.v
a, b = K(1), K(2)
ga, gb = a.get, b.get
print(ga(), gb(), K.get(a), K.get(b))
fs = [k.get for k in (K(5), K(6))]
print([f() for f in fs])
def outside(self):
    return 'outside %d' % self.v
K.out = outside
print(a.out(), K(9).out())
a.inst_func = lambda: 'instance lambda'
print(a.inst_func())
print(type(ga).__name__ in ('method', 'bound_method'))
