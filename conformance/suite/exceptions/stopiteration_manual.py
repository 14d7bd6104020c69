# StopIteration from next(), its value and default handling
it = iter([1, 2])
print(next(it), next(it), next(it, 'default'))
try:
    next(it)
except StopIteration as e:
    print('StopIteration', e.args)
def gen():
    yield 1
    return 'result'
g = gen()
next(g)
try:
    next(g)
except StopIteration as e:
    print('value', e.value, e.args)
try:
    raise StopIteration(7)
except StopIteration as e:
    print(e.value)
class Once:
    def __init__(self):
        self.done = False
    def __iter__(self):
        return self
    def __next__(self):
        if self.done:
            raise StopIteration
        self.done = True
        return 'once'
print(list(Once()), [x for x in Once()])
