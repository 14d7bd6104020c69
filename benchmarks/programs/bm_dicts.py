# Dict work: counting words, grouping, lookups, updates, deletes; never relies on dict order.


WORDS = (  # noqa: SIM905 (split at import is part of the program)
    "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho "
    "sigma tau upsilon phi chi psi omega red green blue cyan magenta yellow black white"
).split()


def work(n):
    counts = {}
    groups = {}
    index = {}
    x = 7
    for i in range(n):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        w = WORDS[(x >> 16) % len(WORDS)]
        counts[w] = counts.get(w, 0) + 1
        g = groups.setdefault(len(w), [0, 0])
        g[i & 1] += 1
        index[i % 4096] = w
    hits = 0
    for i in range(0, 4096, 3):
        if i in index:
            hits += 1
            del index[i]
    merged = {}
    merged.update(counts)
    for k in merged:  # noqa: PLC0206 (the point is a lookup + store per key)
        merged[k] = merged[k] * 2
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
    gsum = 0
    for k, v in groups.items():
        gsum += k * v[0] - v[1]
    squares = {k: k * k for k in range(200)}
    return (top, hits, len(index), gsum, sum(merged.values()), sum(squares.values()))


###########################################################################
# Benchmark interface

bm_params = {
    (50, 10): (2000,),
    (100, 10): (4000,),
    (1000, 100): (250000,),
    (5000, 1000): (1000000,),
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
