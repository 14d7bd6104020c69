# calling functions with generators and iterables as argument sources
def f(*a):
    return a
print(f(*(i for i in range(3))), f(*map(str, [1, 2])), f(*{'k': 1}))
print(sum(x * x for x in range(5)), max((len(w), w) for w in ['a', 'bbb', 'cc']))
print(sorted((-x for x in range(4))), list(zip(*[(1, 'a'), (2, 'b')])))
def kw(**k):
    return sorted(k)
print(kw(**dict(zip(['x', 'y'], [1, 2]))))
