"""Guest source used by the tier-1 tests (compiled by mpy-cross, run by jitvm)."""

ARITH = '''
def add(a, b):
    return a + b

def sub(a, b):
    return a - b

def mul(a, b):
    return a * b

def floordiv(a, b):
    return a // b

def mod(a, b):
    return a % b

def truediv(a, b):
    return a / b

def power(a, b):
    return a ** b

def lshift(a, b):
    return a << b

def rshift(a, b):
    return a >> b

def band(a, b):
    return a & b

def bor(a, b):
    return a | b

def bxor(a, b):
    return a ^ b

def lt(a, b):
    return a < b

def gt(a, b):
    return a > b

def eq(a, b):
    return a == b

def le(a, b):
    return a <= b

def ge(a, b):
    return a >= b

def ne(a, b):
    return a != b

def neg(a):
    return -a

def pos(a):
    return +a

def inv(a):
    return ~a

def lnot(a):
    return not a

def square(a):
    return a ** 2

def cube(a):
    return a * a * a

def inplace(a, b):
    a += b
    a *= b
    a -= 3
    a //= 7
    a %= 1000003
    return a

def mixed(a, b):
    return a * 1.5 + b / 3 - 0.25

def both(a, b):
    return a < b and b < 100 or a == 3

def pick(a, b):
    return a and b

def branchy(a, b):
    if a > b:
        c = a - b
    elif a == b:
        c = 0
    else:
        c = b - a
    return c * 2 + 1
'''

LOOPS = '''
def loop_sum(n):
    s = 0
    for i in range(n):
        s += i * i
    return s

def range3(a, b, c):
    t = 0
    for i in range(a, b, c):
        t += i
    return t

def range2(a, b):
    t = 0
    for i in range(a, b):
        t = t * 3 + i
    return t

def while_loop(n):
    k = 0
    while n > 1:
        if n % 2:
            n = 3 * n + 1
        else:
            n //= 2
        k += 1
    return k

def last_index(n):
    for i in range(n):
        pass
    return i

def breaks(n, st):
    for i in range(0, n, st):
        if i > 50:
            break
    for j in range(n):
        if j > 30:
            break
    return i * 1000 + j

def mandel(cr, ci, maxit):
    zr = 0.0
    zi = 0.0
    for i in range(maxit):
        zr2 = zr * zr
        zi2 = zi * zi
        if zr2 + zi2 > 4.0:
            return i
        zi = 2.0 * zr * zi + ci
        zr = zr2 - zi2 + cr
    return maxit

def count_primes(n):
    c = 0
    for k in range(2, n):
        d = 2
        p = True
        while d * d <= k:
            if k % d == 0:
                p = False
                break
            d += 1
        if p:
            c += 1
    return c

def spin():
    i = 0
    while True:
        i += 1

def grow(n):
    x = 1
    for i in range(n):
        x = x * 3
    return x
'''

CALLS = '''
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)

def ffib(x):
    if x < 2.0:
        return x
    return ffib(x - 1.0) + ffib(x - 2.0)

def helper(x):
    return x * 2

def uses_helper(a):
    return helper(a) + 1

def calls_none(a):
    nothing(a)
    return a

def nothing(x):
    return None

def recurse(n):
    return recurse(n + 1)

def raises(a):
    return boom(a)

def boom(a):
    return [1][a]

def shadow_range(n, st):
    t = 0
    for i in range(0, n, st):
        t += i
    return t

def global_arith(a):
    return a + 1

def truediv_half(a):
    return a / 2
'''
