# truthiness via __bool__ and __len__
class B:
    def __init__(self, v):
        self.v = v
    def __bool__(self):
        return self.v
class L:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n
class Neither:
    pass
for o in (B(True), B(False), L(0), L(3), Neither()):
    print(type(o).__name__, bool(o), 'yes' if o else 'no', not o)
print(len(L(7)), len([x for x in (L(0), L(1), B(False)) if x]))
print(B(False) or 'fallback', (L(2) and 'both').upper())
