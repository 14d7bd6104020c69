# id(): identity is stable and distinct for live objects (values never printed)
a = [1]
b = a
c = [1]
print(id(a) == id(b), id(a) == id(c), type(id(a)).__name__)
objs = [object() for _ in range(10)]
print(len(set(id(o) for o in objs)))
x = 'hello'
print(id(x) == id(x), id(None) == id(None))
