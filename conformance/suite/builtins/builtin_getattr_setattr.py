# getattr, setattr, hasattr and delattr
class O:
    x = 1
o = O()
print(getattr(o, 'x'), getattr(o, 'y', 'default'), hasattr(o, 'x'), hasattr(o, 'y'))
setattr(o, 'y', 2)
print(o.y, getattr(o, 'y'), hasattr(o, 'y'))
delattr(o, 'y')
print(hasattr(o, 'y'))
try:
    getattr(o, 'missing')
except AttributeError:
    print('AttributeError')
for name in ('a', 'b', 'c'):
    setattr(o, name, name * 2)
print([getattr(o, n) for n in 'abc'])
print(getattr([1, 2], 'count')(1), getattr('s', 'upper')())
try:
    delattr(o, 'never')
except AttributeError:
    print('AttributeError del')
setattr(O, 'shared', 'on class')
print(o.shared)
