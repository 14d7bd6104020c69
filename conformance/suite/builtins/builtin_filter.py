# filter() with functions, None and lazy evaluation
print(list(filter(lambda x: x % 2, range(10))), list(filter(None, [0, 1, '', 'a', [], [0], None])))
print(list(filter(str.isdigit, 'a1b2c3')), ''.join(filter(str.isupper, 'HeLLo')))
f = filter(lambda x: x > 2, [1, 5, 2, 7])
print(next(f), list(f), list(f))
log = []
def pred(x):
    log.append(x)
    return x > 1
f = filter(pred, [1, 2, 3])
print(log, next(f), log)
