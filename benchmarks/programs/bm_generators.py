# Generators: pipelines of generators, yield from, send() and generator expressions.


def count_up(n):
    i = 0
    while i < n:
        yield i
        i += 1


def evens(source):
    for v in source:
        if not v & 1:
            yield v


def scaled(source, k):
    for v in source:
        yield v * k


def chained(n):
    yield from count_up(n)
    yield from count_up(n // 2)


def averager():
    total = 0
    count = 0
    avg = 0
    while True:
        v = yield avg
        total += v
        count += 1
        avg = total // count


def work(n, rounds):
    acc = 0
    for _ in range(rounds):
        acc += sum(scaled(evens(count_up(n)), 3))
        acc += sum(v & 7 for v in chained(n))
        g = averager()
        next(g)
        last = 0
        for v in count_up(n // 4):
            last = g.send(v)
        acc += last
    return acc


###########################################################################
# Benchmark interface

bm_params = {
    (50, 10): (2000, 2),
    (100, 10): (4000, 2),
    (1000, 10): (50000, 10),
    (5000, 10): (100000, 25),
}


def bm_setup(params):
    n, rounds = params
    state = None

    def run():
        nonlocal state
        state = work(n, rounds)

    def result():
        return n * rounds, state

    return run, result
