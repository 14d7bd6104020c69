# exceptions propagating out of comprehensions and generator expressions
def bad(x):
    if x == 3:
        raise ValueError('bad %d' % x)
    return x
try:
    [bad(i) for i in range(5)]
except ValueError as e:
    print('list comp', e)
try:
    {i: bad(i) for i in range(5)}
except ValueError as e:
    print('dict comp', e)
g = (bad(i) for i in range(5))
got = []
try:
    for v in g:
        got.append(v)
except ValueError as e:
    print('genexp', e, got)
print(list(g))
try:
    sum(1 / (i - 2) for i in range(4))
except ZeroDivisionError:
    print('ZeroDivisionError in sum')
