# viper ints are machine words: wrap-around at the word size, uint compares, shifts
import micropython


@micropython.viper
def add(x: int, y: int) -> int:
    return x + y


@micropython.viper
def mul(x: int, y: int) -> int:
    return x * y


@micropython.viper
def uadd(x: uint, y: uint) -> uint:
    return x + y


@micropython.viper
def neg(x: int) -> int:
    return -x


@micropython.viper
def inv(x: uint) -> uint:
    return ~x


@micropython.viper
def shl(x: int, n: int) -> int:
    return x << n


@micropython.viper
def shr(x: int, n: int) -> int:
    return x >> n


@micropython.viper
def ushr(x: uint, n: int) -> uint:
    return x >> n


@micropython.viper
def ult(x: uint, y: uint) -> bool:
    return x < y


@micropython.viper
def slt(x: int, y: int) -> bool:
    return x < y


@micropython.viper
def divmod_(x: int, y: int):
    return x // y, x % y


big = 1 << 62
print(add(big, big), add(-big, -big - 1), add(1, 2))
print(mul(1 << 40, 1 << 30), mul(-3, 7), mul(0x7FFFFFFFFFFFFFFF, 2))
print(uadd(-1, 1), uadd(-1, 2), uadd(1 << 63, 1 << 63))
print(neg(-(1 << 63)), neg(5), inv(0), inv(-1))
print(shl(1, 63), shl(3, 62), shr(-8, 1), shr(-1, 63), ushr(-1, 60), ushr(-8, 1))
print(ult(-1, 1), slt(-1, 1), ult(1, -1), slt(1, -1))
for a in (7, -7, 100, -100):
    for b in (2, -2, 3, -3):
        print(a, b, divmod_(a, b), a // b, a % b)
print(add(1 << 64, 5), add(-(1 << 64) - 1, 0))  # arguments truncated to the word
