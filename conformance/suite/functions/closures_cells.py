# closure cells shared between sibling closures and loops
def make():
    fns = []
    x = 0
    for i in range(3):
        def f():
            return x + i
        fns.append(f)
    x = 100
    return fns
print([f() for f in make()])
def pair():
    state = {'n': 0}
    def a():
        state['n'] += 1
    def b():
        return state['n']
    return a, b
a, b = pair()
a(); a(); a()
print(b())
def param_cell(p):
    def g():
        return p * 2
    p = p + 1
    return g
print(param_cell(5)())
def cell_and_arg(a, b):
    def s():
        return a - b
    return s
print(cell_and_arg(10, 3)(), cell_and_arg(b=1, a=0)())
def gen_closure():
    k = 3
    def gen():
        for i in range(k):
            yield i * k
    return gen
print(list(gen_closure()()))
