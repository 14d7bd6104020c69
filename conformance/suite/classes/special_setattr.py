# __setattr__ and __delattr__ intercept assignments
class Logged:
    def __init__(self):
        object.__setattr__(self, 'log', [])
    def __setattr__(self, name, value):
        self.log.append(('set', name, value))
        object.__setattr__(self, name, value)
    def __delattr__(self, name):
        self.log.append(('del', name))
        object.__delattr__(self, name)
o = Logged()
o.a = 1
o.b = 'two'
o.a += 1
del o.b
print(o.a, hasattr(o, 'b'))
for entry in o.log:
    print(entry)
class Frozen:
    def __setattr__(self, name, value):
        raise AttributeError('frozen: ' + name)
try:
    Frozen().x = 1
except AttributeError as e:
    print(e)
