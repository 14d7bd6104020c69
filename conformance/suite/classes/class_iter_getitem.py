# objects iterable through __getitem__ alone
class Squares:
    def __init__(self, n):
        self.n = n
    def __getitem__(self, i):
        if i >= self.n:
            raise IndexError(i)
        return i * i
    def __len__(self):
        return self.n
s = Squares(5)
print(list(s), [x for x in s], sum(s), s[3], len(s))
it = iter(s)
print(next(it), next(it), list(it))
print(list(zip(Squares(3), 'abc')), list(enumerate(Squares(2))))
print(sorted(Squares(4), reverse=True), max(Squares(4)), 9 in Squares(4))
