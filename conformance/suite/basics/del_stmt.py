# del on names, list items, slices, dict keys and attributes
a = 1
del a
try:
    print(a)
except NameError:
    print('NameError after del')
l = list(range(6))
del l[0]
del l[-1]
print(l)
del l[1:3]
print(l)
d = {'a': 1, 'b': 2}
del d['a']
print(d)
try:
    del d['zz']
except KeyError:
    print('KeyError del')
class C:
    pass
c = C()
c.x = 1
del c.x
print(hasattr(c, 'x'))
try:
    del c.y
except AttributeError:
    print('AttributeError del')
x, y = 1, 2
del x, y
print('x' in dir(), 'y' in dir())
def f():
    v = 1
    del v
    try:
        return v
    except NameError:
        return 'local unbound'
print(f())
