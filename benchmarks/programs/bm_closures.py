# Closures: counters with nonlocal, adders, composed functions and lambdas in a hot loop.


def make_counter(step):
    count = 0

    def inc():
        nonlocal count
        count += step
        return count

    return inc


def make_adder(k):
    return lambda x: x + k


def compose(f, g):
    def h(x):
        return f(g(x))

    return h


def work(n):
    counters = [make_counter(s) for s in range(1, 6)]
    add3 = make_adder(3)
    times2 = lambda x: x * 2
    f = compose(add3, times2)
    g = compose(f, make_adder(-1))
    acc = 0
    for i in range(n):
        c = counters[i % 5]
        acc += c()
        acc += g(i) - f(i)
        acc &= 0xFFFFFF
    return acc, [c() for c in counters]


###########################################################################
# Benchmark interface

bm_params = {
    (50, 10): (3000,),
    (100, 10): (6000,),
    (1000, 10): (240000,),
    (5000, 10): (1200000,),
}


def bm_setup(params):
    (n,) = params
    state = None

    def run():
        nonlocal state
        state = work(n)

    def result():
        return n, state

    return run, result
