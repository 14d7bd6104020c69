# bare raise re-raises the current exception; raise in nested handlers
def f():
    try:
        raise ValueError('orig')
    except ValueError:
        print('handling')
        raise
try:
    f()
except ValueError as e:
    print('re-raised', e)
def g():
    try:
        raise KeyError('a')
    except KeyError as e:
        try:
            raise IndexError('b')
        except IndexError:
            pass
        raise
try:
    g()
except KeyError as e:
    print('still KeyError', e.args)
except IndexError:
    print('wrong')
try:
    raise ValueError
except ValueError as e:
    print(type(e).__name__, e.args)
try:
    raise ValueError()
except ValueError as e:
    print(e.args)
