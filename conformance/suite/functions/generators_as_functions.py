# functions containing yield become generator factories
def count(n):
    i = 0
    while i < n:
        yield i
        i += 1
print(list(count(4)), sum(count(10)), list(count(0)))
g = count(2)
print(type(g).__name__, next(g), next(g))
try:
    next(g)
except StopIteration:
    print('StopIteration')
def with_return(x):
    if x:
        return
    yield 'never unless falsy'
print(list(with_return(1)), list(with_return(0)))
