# __getattr__ is called only for missing attributes
class Dyn:
    existing = 'real'
    def __init__(self):
        self.inst = 'instance'
    def __getattr__(self, name):
        if name.startswith('x_'):
            return name[2:].upper()
        raise AttributeError(name)
d = Dyn()
print(d.existing, d.inst, d.x_hello, d.x_)
try:
    d.missing
except AttributeError as e:
    print('AttributeError', e.args)
print(hasattr(d, 'x_yes'), hasattr(d, 'nope'), getattr(d, 'nope', 'default'))
class Proxy:
    def __init__(self, target):
        self._t = target
    def __getattr__(self, name):
        return getattr(self._t, name)
p = Proxy([3, 1, 2])
p.sort()
print(p._t, p.count(1), p.index(3))
