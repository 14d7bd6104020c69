# slice objects reaching __getitem__ and their attributes
class Cap:
    def __getitem__(self, k):
        return k
c = Cap()
for s in (c[1:2], c[:5], c[::2], c[1::], c[-3:-1:1], c[:]):
    print(type(s).__name__, s.start, s.stop, s.step)
lst = list(range(10))
print(lst[c[2:5]], lst[c[::3]], 'abcdef'[c[1:3]], lst[c[-2:]])
s = c[1:8:2]
print(lst[s], s.indices(10) if hasattr(s, 'indices') else (1, 8, 2))
