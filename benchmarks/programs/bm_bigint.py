# Big-int arithmetic: factorials, modular exponentiation, Fibonacci by doubling, digit sums.


def factorial(n):
    r = 1
    for i in range(2, n + 1):
        r *= i
    return r


def fib_doubling(n):
    a, b = 0, 1
    for bit in bin(n)[2:]:
        c = a * (2 * b - a)
        d = a * a + b * b
        a, b = c, d
        if bit == "1":
            a, b = b, a + b
    return a


def digit_sum(x):
    # chunked divmod instead of str(): CPython limits int->str conversion to 4300 digits
    total = 0
    while x:
        x, chunk = divmod(x, 1000000000)
        while chunk:
            chunk, d = divmod(chunk, 10)
            total += d
    return total


def work(n):
    f = factorial(n)
    fb = fib_doubling(n * 20)
    m = (1 << 127) - 1
    p = pow(3, fb % m, m)
    q = (f // (fb % 1000003 + 1)) % m
    return digit_sum(f), digit_sum(fb), p % 1000000007, q % 1000000007


###########################################################################
# Benchmark interface

bm_params = {
    (50, 10): (150,),
    (100, 10): (300,),
    (1000, 100): (6000,),
    (5000, 1000): (12000,),
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
