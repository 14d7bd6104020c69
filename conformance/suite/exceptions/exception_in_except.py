# exceptions raised while handling another exception
def f():
    try:
        raise ValueError('first')
    except ValueError:
        raise TypeError('second')
try:
    f()
except TypeError as e:
    print('TypeError', e)
def g():
    try:
        raise ValueError('v')
    except ValueError as e:
        try:
            raise KeyError('k')
        except KeyError as e2:
            return (type(e).__name__, type(e2).__name__)
print(g())
def h():
    try:
        try:
            1 / 0
        except ZeroDivisionError:
            undefined_name_here
    except NameError:
        return 'NameError from handler'
print(h())
