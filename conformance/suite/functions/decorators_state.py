# decorators that keep state: counting calls and memoization
calls = {}
def counted(f):
    calls[f.__name__] = 0
    def w(*a):
        calls[f.__name__] += 1
        return f(*a)
    return w
@counted
def sq(x):
    return x * x
sq(2); sq(3)
print(sq(4), calls)
memo_caches = []
def memo(f):
    cache = {}
    def w(n):
        if n not in cache:
            cache[n] = f(n)
        return cache[n]
    memo_caches.append(cache)
    return w
@memo
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
for i in range(80):
    fib(i)
print(fib(80), len(memo_caches[0]))
def once(f):
    done = []
    def w():
        if not done:
            done.append(f())
        return done[0]
    return w
n = [0]
@once
def init():
    n[0] += 1
    return 'initialised %d' % n[0]
print(init(), init(), n)
