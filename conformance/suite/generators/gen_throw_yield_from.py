# throw and close delegated through nested yield from
def leaf():
    try:
        yield 'leaf1'
        yield 'leaf2'
    except ValueError:
        yield 'leaf caught'
    finally:
        print('leaf finally')
def mid():
    try:
        yield from leaf()
    finally:
        print('mid finally')
def top():
    yield from mid()
    yield 'top end'
g = top()
print(next(g))
print(g.throw(ValueError))
print(next(g))
print(next(g, 'done'))
g = top()
next(g)
try:
    g.throw(KeyError('k'))
except KeyError as e:
    print('KeyError out', e.args)
def over_list():
    yield from [1, 2, 3]
o = over_list()
next(o)
try:
    o.throw(IndexError('into list'))
except IndexError as e:
    print('IndexError out', e.args)
