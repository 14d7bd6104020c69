# functions with many parameters and locals
def f(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18, a19):
    l0 = a0 + a19; l1 = a1 + a18; l2 = a2 + a17; l3 = a3 + a16; l4 = a4 + a15
    l5 = a5 + a14; l6 = a6 + a13; l7 = a7 + a12; l8 = a8 + a11; l9 = a9 + a10
    return [l0, l1, l2, l3, l4, l5, l6, l7, l8, l9]
print(f(*range(20)))
print(f(*range(20, 0, -1)))
def g(**kw):
    return sum(kw.values())
print(g(**{'k%d' % i: i for i in range(50)}))
def h(*a):
    return len(a), a[-1]
print(h(*range(300)))
