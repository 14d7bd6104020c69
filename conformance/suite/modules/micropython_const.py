# MicroPython-only module: micropython.const folds constants at compile time
try:
    from micropython import const
except ImportError:
    print('SKIP')
    raise SystemExit
X = const(10)
_Y = const(20)
Z = const(X * 2 + 1)
MASK = const(0xff << 8)
print(X, _Y, Z, MASK, hex(MASK))
def f():
    return X + _Y + Z
print(f())
BIG = const(1 << 40)
print(BIG)
