# __iter__ and __next__ implement the iterator protocol
class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1
print(list(Countdown(5)), sum(Countdown(4)), max(Countdown(3)))
c = Countdown(2)
print(next(c), next(c), next(c, 'done'))
for x in Countdown(3):
    print('loop', x)
class Range2:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        i = 0
        while i < self.n:
            yield i
            i += 2
r = Range2(7)
print(list(r), list(r), [a * b for a in r for b in Range2(3)])
print(sorted(Countdown(4)), tuple(Countdown(2)), dict(zip(Countdown(2), 'ab')) == {2: 'a', 1: 'b'})
a, b, c = Countdown(3)
print(a, b, c)
