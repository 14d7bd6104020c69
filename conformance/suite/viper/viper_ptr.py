# ptr8/ptr16/ptr32 loads and stores, pointer arguments, casts, bool
import micropython
import array


@micropython.viper
def get8(p: ptr8, i: int) -> int:
    return p[i]


@micropython.viper
def get16(p: ptr16, i: int) -> int:
    return p[i]


@micropython.viper
def get32(p: ptr32, i: int) -> int:
    return p[i]


@micropython.viper
def put8(p: ptr8, i: int, v: int):
    p[i] = v


@micropython.viper
def put16(p: ptr16, i: int, v: int):
    p[i] = v


@micropython.viper
def put32(p: ptr32, i: int, v: int):
    p[i] = v


@micropython.viper
def incr(buf, n: int):
    p = ptr8(buf)
    for i in range(n):
        p[i] += 1


@micropython.viper
def total16(buf, n: int) -> int:
    p = ptr16(buf)
    s = 0
    i = 0
    while i < n:
        s += p[i]
        i += 1
    return s


@micropython.viper
def casts(x) -> int:
    a = int(x)
    b = uint(x)
    c = bool(x)
    if c:
        return a + int(b)
    return -1


@micropython.viper
def flag(x: bool) -> bool:
    return x


b = bytearray(range(16))
print(get8(b, 0), get8(b, 15), get16(b, 1), get32(b, 2))
put8(b, 0, 0x1FF)
put16(b, 1, -1)
put32(b, 1, 0x11223344556677)
print(b)
incr(b, 4)
print(b)
print(total16(b, 8))
a = array.array("H", [1, 2, 3, 65535])
print(total16(a, 4))
print(casts(5), casts(0), casts(True), casts(-3))
print(flag(0), flag(2), flag([]), flag([0]), flag(None))
print(get8(b"\xfe\xff", 1), get16(b"\xfe\xff", 0))
