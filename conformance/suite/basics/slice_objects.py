# explicit slice objects and __getitem__ receiving slices
class Spy:
    def __getitem__(self, k):
        if isinstance(k, slice):
            return ('slice', k.start, k.stop, k.step)
        return ('item', k)
sp = Spy()
print(sp[1], sp[1:2], sp[:], sp[::3], sp[-1:], sp[1:2:3], sp['k'])
print(sp[1, 2], sp[1:2, 3])
class Cap:
    def __getitem__(self, k):
        return k
sl = Cap()[2:8:2]
print(type(sl).__name__, sl.start, sl.stop, sl.step)
l = list(range(10))
print(l[sl], 'abcdefghij'[Cap()[1:4]], (1, 2, 3, 4)[Cap()[2:]])
