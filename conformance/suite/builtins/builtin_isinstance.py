# isinstance() and issubclass() across builtin types
vals = [1, 1.0, 'a', b'a', [], (), {}, set(), None, 1j, range(1), bytearray()]
types = [int, float, str, bytes, list, tuple, dict, set, type(None), complex, range, bytearray]
for v in vals:
    print(type(v).__name__, [t.__name__ for t in types if isinstance(v, t)])
print(isinstance(1, (str, float, int)), isinstance(1, ()), issubclass(int, (str, object)))
class A: pass
class B(A): pass
print(isinstance(B(), A), isinstance(A(), B), issubclass(B, A), issubclass(B, (int, A)))
