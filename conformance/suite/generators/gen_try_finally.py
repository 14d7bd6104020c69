# try/except/finally inside generators across yields
def g():
    try:
        yield 'a'
        try:
            yield 'b'
            raise ValueError('inner')
        except ValueError as e:
            yield 'handled ' + str(e)
        finally:
            yield 'inner finally'
        yield 'c'
    finally:
        print('outer finally')
print(list(g()))
def h():
    for i in range(3):
        try:
            yield i
        finally:
            print('finally', i)
print(list(h()))
