# Integer loops: nested counting loops, modular arithmetic and Collatz step counting.


def collatz_steps(limit):
    total = 0
    longest = 0
    for start in range(1, limit):
        n = start
        steps = 0
        while n != 1:
            if n & 1:
                n = 3 * n + 1
            else:
                n >>= 1
            steps += 1
        total += steps
        if steps > longest:  # noqa: PLR1730 (a compare-and-branch, not a max() call)
            longest = steps
    return total, longest


def mixed_arith(n):
    acc = 0
    i = 0
    while i < n:
        acc = (acc * 31 + i) % 1000003
        acc ^= i << 3
        acc -= i // 7
        i += 1
    return acc


###########################################################################
# Benchmark interface

bm_params = {
    (50, 10): (300, 3000),
    (100, 10): (600, 6000),
    (1000, 10): (12000, 120000),
    (5000, 10): (60000, 600000),
}


def bm_setup(params):
    limit, n = params
    state = None

    def run():
        nonlocal state
        state = collatz_steps(limit) + (mixed_arith(n),)

    def result():
        return limit, state

    return run, result
