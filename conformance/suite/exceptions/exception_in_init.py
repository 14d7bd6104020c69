# exceptions raised from __init__, properties and special methods
class Strict:
    def __init__(self, v):
        if v < 0:
            raise ValueError('negative')
        self.v = v
    @property
    def half(self):
        if self.v % 2:
            raise ArithmeticError('odd')
        return self.v // 2
    def __getitem__(self, i):
        raise IndexError('no items')
for v in (4, 3, -1):
    try:
        s = Strict(v)
        print('half', s.half)
    except ValueError as e:
        print('init failed:', e)
    except ArithmeticError as e:
        print('property failed:', e)
try:
    Strict(1)[0]
except IndexError as e:
    print(e)
print(list(Strict(2)) if False else 'skip iteration')
try:
    for x in Strict(2):
        print('never')
except IndexError:
    print('IndexError from __getitem__ iteration')
