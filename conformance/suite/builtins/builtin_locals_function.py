# MicroPython difference: locals() inside a function does not include local variables (cpydiff)
def f(a):
    b = a * 2
    names = sorted(k for k in locals() if k in ('a', 'b'))
    return names
print(f(1))
def g():
    x = 1
    return 'x' in locals()
print(g())
print('f' in locals())
