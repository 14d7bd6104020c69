# tuple basics
t = (1, 'two', 3.0, None)
print(t, len(t), t[1], t[-1], t[1:3], t[-2:])
print((1,), (), tuple(), tuple([1, 2]), tuple('ab'), (1, 2) + (3,), (0,) * 3)
print((1, 2) == (1, 2), (1, 2) < (1, 3), (1, 2) < (1, 2, 0), () < (0,), (2,) > (1, 9))
print(t.index('two'), (1, 1, 2).count(1), 3.0 in t)
a, b = 1, 2
a, b = b, a
print(a, b)
print(hash((1, 2)) == hash((1, 2)), {(1, 2): 'x'}[(1, 2)])
try:
    t[0] = 5
except TypeError:
    print('TypeError assign')
nested = ((1, 2), (3, (4, 5)))
print(nested[1][1][0], len(nested))
print(tuple(x * 2 for x in range(4)))
