# The smallest jitvm demo: compiled by mpy-cross, disassembled and run by jitvm.
def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


print("fib(30) =", fib(30))
