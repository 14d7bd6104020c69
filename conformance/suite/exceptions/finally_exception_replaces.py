# an exception raised in finally replaces the one in flight
def f():
    try:
        raise ValueError('first')
    finally:
        raise KeyError('second')
try:
    f()
except KeyError as e:
    print('KeyError', e.args)
except ValueError:
    print('not reached')
def g():
    try:
        return 1
    finally:
        raise RuntimeError('finally beats return')
try:
    g()
except RuntimeError as e:
    print(e)
def h():
    try:
        try:
            raise TypeError('a')
        except TypeError:
            raise IndexError('b')
        finally:
            print('finally sees handler raise')
    except IndexError as e:
        print('caught', e)
h()
