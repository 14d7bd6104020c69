# List work: append, comprehensions, slicing, sort with and without a key, reverse and search.


def lcg_list(n, seed):
    out = []
    x = seed
    for _ in range(n):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        out.append(x % 10000)
    return out


def work(n, rounds):
    acc = 0
    for r in range(rounds):
        data = lcg_list(n, r + 1)
        squares = [v * v for v in data if v & 1]
        data.sort()
        acc += data[n // 2] + data[0] + data[-1]
        # keys are unique per element (value, index) so an unstable sort gives the same order
        keyed = sorted([(v % 97, i) for i, v in enumerate(data)], key=lambda t: t[0] * n + t[1])
        acc += keyed[0][1] + keyed[-1][1]
        half = data[: n // 2]
        half.reverse()
        acc += half[0] - half[-1]
        acc += len(squares) + sum(squares[:10])
        acc += data.index(data[n // 3])
        merged = half + squares
        merged.sort(reverse=True)
        acc += merged[0] + merged[len(merged) // 2]
        while len(merged) > n // 4:
            merged.pop()
        acc += len(merged) + max(merged) - min(merged)
        acc &= 0xFFFFFFFF
    return acc


###########################################################################
# Benchmark interface

bm_params = {
    (50, 10): (200, 2),
    (100, 10): (400, 2),
    (1000, 100): (3000, 48),
    (5000, 1000): (10000, 72),
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
