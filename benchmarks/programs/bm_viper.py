# Viper kernels over a 64 KiB frame buffer: fill a gradient, then an 8-bit checksum.
# On CPython the decorators are no-ops (the bench's shim) and ptr8/uint are the fallbacks below.
import micropython

try:
    ptr8  # noqa: B018 - a name only viper code has (it is a cast there, not a global)
except NameError:

    def ptr8(buf):
        return buf

    uint = int


@micropython.viper
def fill(buf: ptr8, n: int, seed: int):
    for i in range(n):
        buf[i] = (i * 7 + seed) & 0xFF


@micropython.viper
def checksum(buf: ptr8, n: int) -> int:
    s = 0
    for i in range(n):
        s = (s + buf[i]) & 0xFF
    return s


def frames(n):
    buf = bytearray(65536)
    acc = 0
    for k in range(n):
        fill(buf, len(buf), k)
        acc ^= checksum(buf, len(buf))
    return acc


###########################################################################
# Benchmark interface

bm_params = {
    (50, 10): (1,),
    (100, 10): (2,),
    (1000, 10): (12,),
    (5000, 10): (60,),
}


def bm_setup(params):
    (n,) = params
    state = None

    def run():
        nonlocal state
        state = frames(n)

    def result():
        return n, state

    return run, result
