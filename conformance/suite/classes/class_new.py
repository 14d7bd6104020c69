# __new__ controls instance creation
class Single:
    _inst = None
    def __new__(cls):
        if cls._inst is None:
            cls._inst = super().__new__(cls)
            cls._inst.created = 0
        cls._inst.created += 1
        return cls._inst
a = Single()
b = Single()
print(a is b, a.created)
class Tagged:
    def __new__(cls, tag):
        o = object.__new__(cls)
        o.tag = tag.upper()
        return o
    def __init__(self, tag):
        self.orig = tag
t = Tagged('x')
print(t.tag, t.orig)
class NotMine:
    def __new__(cls):
        return 42
    def __init__(self):
        print('never called')
print(NotMine())
