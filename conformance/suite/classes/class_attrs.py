# instance vs class attribute resolution and mutation
class C:
    shared = []
    n = 0
    def add(self, x):
        self.shared.append(x)
        self.n += 1
a, b = C(), C()
a.add(1); b.add(2); a.add(3)
print(C.shared, a.n, b.n, C.n)
print('n' in a.__dict__, 'shared' in a.__dict__)
C.new_attr = 'late'
print(a.new_attr, b.new_attr)
print(sorted(a.__dict__.items()))
print(getattr(C, 'n'), getattr(a, 'n'), getattr(a, 'zzz', None))
setattr(b, 'dyn', 'amic')
print(b.dyn, hasattr(a, 'dyn'))
delattr(b, 'dyn')
print(hasattr(b, 'dyn'))
