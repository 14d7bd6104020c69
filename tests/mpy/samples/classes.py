# Classes, closures, generators and async code.
class Base:
    def __init__(self, x):
        self.x = x

    @property
    def double(self):
        return self.x * 2

    @staticmethod
    def s(a, b=1):
        return a + b

    @classmethod
    def c(cls, *args, **kw):
        return cls(len(args) + len(kw))


class Child(Base):
    def __init__(self, x, y=0):
        super().__init__(x)
        self.y = y

    def __add__(self, other):
        return Child(self.x + other.x)


def counter():
    n = 0

    def inc(step=1):
        nonlocal n
        n += step
        return n
    return inc


def gen(n):
    for i in range(n):
        received = yield i
        if received:
            yield from range(received)


async def agen_like(x):
    return x * 2


lam = lambda *a, k=3, **kw: (a, k, kw)
comp = [x * y for x in range(4) for y in range(3) if x != y]
dcomp = {k: v for k, v in zip("abc", range(3))}
scomp = {x % 3 for x in range(10)}
a, *rest, b = range(6)
print(Child(1, 2).double, Base.s(1), Child.c(1, 2, k=3).x, counter()(5), list(gen(3)), lam(1, 2), comp, dcomp, sorted(scomp), rest)
