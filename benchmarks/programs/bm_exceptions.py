# Exceptions: raise and catch in a loop, custom classes, try/finally, re-raise and nesting.


class SensorError(Exception):
    pass


class TimeoutErrorX(SensorError):
    pass


def read(i):
    if i % 5 == 0:
        raise TimeoutErrorX(i)
    if i % 7 == 0:
        raise ValueError("bad", i)
    return i


def guarded(i):
    try:
        return read(i)
    except ValueError:
        return -1
    finally:
        pass


def nested(i):
    try:
        try:
            return guarded(i)
        except SensorError as e:
            if e.args[0] % 3 == 0:
                raise
            return -2
    except TimeoutErrorX:
        return -3


def work(n):
    counts = [0, 0, 0, 0]
    for i in range(n):
        r = nested(i)
        if r >= 0:
            counts[0] += 1
        else:
            counts[-r] += 1
        try:
            {}[i]
        except KeyError:
            counts[0] += 1
        try:
            1 // (i & 1)
        except ZeroDivisionError:
            counts[1] += 1
    return tuple(counts)


###########################################################################
# Benchmark interface

bm_params = {
    (50, 10): (2000,),
    (100, 10): (4000,),
    (1000, 10): (120000,),
    (5000, 10): (600000,),
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
