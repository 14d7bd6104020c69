# Sieve of Eratosthenes on a bytearray, plus counting twin primes.


def sieve(limit):
    flags = bytearray(limit + 1)
    flags[0] = 1
    flags[1] = 1
    i = 2
    while i * i <= limit:
        if not flags[i]:
            j = i * i
            while j <= limit:
                flags[j] = 1
                j += i
        i += 1
    return flags


def work(limit):
    flags = sieve(limit)
    count = 0
    twins = 0
    last = 0
    for n in range(2, limit + 1):
        if not flags[n]:
            count += 1
            if n - last == 2:
                twins += 1
            last = n
    return count, twins, last


###########################################################################
# Benchmark interface

bm_params = {
    (50, 10): (5000,),
    (100, 10): (10000,),
    (1000, 100): (750000,),
    (5000, 1000): (4000000,),
}


def bm_setup(params):
    (limit,) = params
    state = None

    def run():
        nonlocal state
        state = work(limit)

    def result():
        return limit, state

    return run, result
