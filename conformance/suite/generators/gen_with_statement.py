# with statements inside generators
class CM:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        print('enter', self.name)
        return self.name
    def __exit__(self, *a):
        print('exit', self.name)
def g():
    with CM('a') as a:
        yield a + '1'
        yield a + '2'
    with CM('b') as b:
        yield b + '1'
print(list(g()))
def h():
    with CM('c'):
        try:
            yield 'c1'
        except ValueError:
            yield 'c handled'
gen = h()
print(next(gen))
print(gen.throw(ValueError))
print(next(gen, 'end'))
