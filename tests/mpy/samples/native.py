# Native and viper functions (compiled with -march=x64 for the fixtures).
import micropython


@micropython.native
def add_native(a, b):
    return a + b


@micropython.viper
def sum_bytes(buf, n: int) -> int:
    p = ptr8(buf)
    s = 0
    for i in range(n):
        s += p[i]
    return s


@micropython.viper
def shifts(x: int) -> int:
    return (x << 3) ^ (x >> 1)


def plain(x):
    return add_native(x, 1)


print(plain(1))
