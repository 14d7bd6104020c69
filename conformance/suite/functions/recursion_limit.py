# runaway recursion raises RecursionError (a RuntimeError subclass)
def down(n):
    return down(n + 1)
try:
    down(0)
except RuntimeError as e:
    print('caught', isinstance(e, RuntimeError))
def ok(n):
    return n if n == 0 else ok(n - 1)
print(ok(20))
def mutual_a(n):
    return mutual_b(n)
def mutual_b(n):
    return mutual_a(n + 1)
try:
    mutual_a(0)
except RuntimeError:
    print('mutual recursion caught')
class Deep:
    def __repr__(self):
        return repr(self)
try:
    repr(Deep())
except RuntimeError:
    print('repr recursion caught')
print('still running', ok(5))
