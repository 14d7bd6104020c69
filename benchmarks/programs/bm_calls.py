# Function calls: positional, keyword, default, *args and **kwargs calls in a hot loop.


def f0():
    return 1


def f2(a, b):
    return a + b


def fdef(a, b=2, c=3):
    return a * b + c


def fkw(a, *, scale=1, shift=0):
    return a * scale + shift


def fstar(*args):
    return len(args)


def fkwargs(**kw):
    return len(kw)


def calls(n):
    acc = 0
    for i in range(n):
        acc += f0()
        acc += f2(i, 1)
        acc += fdef(i)
        acc += fdef(i, 3)
        acc += fdef(i, c=5)
        acc += fkw(i, scale=2)
        acc += fkw(i, shift=1, scale=3)
        acc += fstar(i, i, i)
        acc += fkwargs(x=i, y=1)
        acc &= 0xFFFFFFF
    return acc


###########################################################################
# Benchmark interface

bm_params = {
    (50, 10): (1000,),
    (100, 10): (2000,),
    (1000, 10): (150000,),
    (5000, 10): (750000,),
}


def bm_setup(params):
    (n,) = params
    state = None

    def run():
        nonlocal state
        state = calls(n)

    def result():
        return n, state

    return run, result
