# reversed() on sequences and objects with __reversed__ or __len__/__getitem__
print(list(reversed([1, 2, 3])), list(reversed((1, 2))), list(reversed('abc')), list(reversed(range(4))), list(reversed([])))
r = reversed([1, 2, 3])
print(next(r), list(r), list(r))
class Seq:
    def __len__(self):
        return 3
    def __getitem__(self, i):
        return 'item%d' % i
print(list(reversed(Seq())))
class Custom:
    def __reversed__(self):
        return iter('custom')
print(list(reversed(Custom())))
print(list(reversed(range(0, 10, 3))), ''.join(reversed('hello')))
