# isinstance and issubclass with tuples, builtins and user hierarchies
class A: pass
class B(A): pass
class C(B): pass
class D: pass
objs = [A(), B(), C(), D(), 1, 'x', [], None]
for o in objs:
    print(type(o).__name__, isinstance(o, A), isinstance(o, (B, D)), isinstance(o, (int, str)), isinstance(o, object))
print(issubclass(C, A), issubclass(A, C), issubclass(C, (D, B)), issubclass(B, B), issubclass(D, D))
print(issubclass(int, object), issubclass(D, object), isinstance(A, type), isinstance(int, type))
print(isinstance(3, float), isinstance(3.0, float), isinstance({}, dict), isinstance((), (list, tuple)))
try:
    isinstance(1, 'int')
except TypeError:
    print('TypeError')
