# @micropython.native functions: full Python semantics (generators, closures, try, with, kwargs)
import micropython


@micropython.native
def gen(n):
    for i in range(n):
        yield i * i


@micropython.native
def outer(k):
    def inner(x):
        return x + k

    return inner


class Ctx:
    def __enter__(self):
        print("enter")
        return self

    def __exit__(self, *a):
        print("exit", a[0].__name__ if a[0] else None)
        return True


@micropython.native
def guarded(x, *, scale=2, **extra):
    try:
        with Ctx():
            if x < 0:
                raise ValueError("neg")
            return x * scale + len(extra)
    finally:
        print("finally", x)


@micropython.native
def big(n):
    r = 1
    for i in range(1, n):
        r *= i
    return r


print(list(gen(5)), outer(10)(5))
print(guarded(3), guarded(4, scale=3, a=1, b=2), guarded(-1))
print(big(25), 2 ** 70 // big(5))
