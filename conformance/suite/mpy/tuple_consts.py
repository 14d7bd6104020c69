# constant tuples including nested tuples, None, booleans, Ellipsis, floats and big ints
t1 = (1, 2, 3)
t2 = (None, True, False, ...)
t3 = ((1, (2, (3, (4,)))), 'x', b'y')
t4 = (1.5, -2.25, 10 ** 25, -(10 ** 25))
t5 = ()
t6 = (('a',) * 3)
print(t1, t2, t3, t4, t5, t6)
print(t2[3] is Ellipsis, t3[0][1][1][1][0], len(t4), t4[2] // 10 ** 24)
def f(x=(1, 'default', (None,))):
    return x
print(f(), f()[2][0] is None)
for t in ((1, 2), (3, 4)):
    print(t)
print((1, 2) in [(1, 2)], {(1, 'k'): 'v'}[(1, 'k')])
