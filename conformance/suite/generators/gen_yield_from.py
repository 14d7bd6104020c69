# yield from delegates to sub-generators and iterables
def sub(n):
    for i in range(n):
        yield i
    return 'sub%d done' % n
def outer():
    r1 = yield from sub(2)
    print('r1 =', r1)
    r2 = yield from sub(3)
    print('r2 =', r2)
    yield from 'xy'
    yield from [10, 20]
print(list(outer()))
def chain(*its):
    for it in its:
        yield from it
print(list(chain([1, 2], (3,), range(4, 6), {'k': 0})))
def flatten(x):
    for item in x:
        if isinstance(item, list):
            yield from flatten(item)
        else:
            yield item
print(list(flatten([1, [2, [3, [4]], 5], [[6]]])))
