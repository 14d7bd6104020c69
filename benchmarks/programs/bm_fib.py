# Recursion: naive Fibonacci and Ackermann-style mutual recursion.


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def is_even(n):
    if n == 0:
        return True
    return is_odd(n - 1)


def is_odd(n):
    if n == 0:
        return False
    return is_even(n - 1)


def tak(x, y, z):
    if y < x:
        return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y))
    return z


###########################################################################
# Benchmark interface

bm_params = {
    (50, 10): (14, 6),
    (100, 10): (16, 8),
    (1000, 10): (26, 14),
    (5000, 10): (28, 16),
}


def bm_setup(params):
    n, t = params
    state = None

    def run():
        nonlocal state
        evens = 0
        for k in range(40):
            if is_even(k):
                evens += 1
        state = (fib(n), tak(t, t // 2, 0), evens)

    def result():
        return n, state

    return run, result
