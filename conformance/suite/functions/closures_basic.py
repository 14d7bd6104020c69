# closures over enclosing function variables
def adder(n):
    def add(x):
        return x + n
    return add
add5 = adder(5)
add10 = adder(10)
print(add5(1), add10(1), adder(-1)(1))
def multi():
    a = 1
    b = 2
    def f():
        return a + b
    a = 100
    return f
print(multi()())
def nested(x):
    def l1(y):
        def l2(z):
            return x + y + z
        return l2
    return l1
print(nested(1)(2)(3), nested('a')('b')('c'))
def shared():
    v = []
    def push(x):
        v.append(x)
    def get():
        return list(v)
    return push, get
p, g = shared()
p(1); p(2)
print(g())
