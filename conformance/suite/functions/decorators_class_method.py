# decorators applied to methods and to classes
def log_calls(f):
    def w(self, *a):
        self.log.append(f.__name__)
        return f(self, *a)
    return w
class Acc:
    def __init__(self):
        self.log = []
        self.total = 0
    @log_calls
    def add(self, v):
        self.total += v
        return self
    @log_calls
    def reset(self):
        self.total = 0
a = Acc()
a.add(1).add(2)
print(a.total, a.log)
a.reset()
print(a.total, a.log)
def add_hello(cls):
    cls.hello = lambda self: 'hello from ' + type(self).__name__
    return cls
@add_hello
class Thing:
    pass
print(Thing().hello())
registry = {}
def register(name):
    def d(cls):
        registry[name] = cls
        return cls
    return d
@register('w')
class Widget:
    pass
print(registry['w'] is Widget)
