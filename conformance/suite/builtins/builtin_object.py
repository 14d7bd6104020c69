# object(): the base of everything
o = object()
print(type(o).__name__, isinstance(o, object), isinstance(1, object), isinstance(object, object))
print(o == o, o != object(), o is not None)
try:
    o.attr = 1
except AttributeError:
    print('AttributeError: plain object has no __dict__')
class Sub(object):
    pass
s = Sub()
s.attr = 1
print(s.attr, issubclass(Sub, object), str(o)[:7])
