# the 'as' name is unbound after the except block
try:
    raise ValueError('x')
except ValueError as err:
    saved = err
print(type(saved).__name__)
try:
    err
    print('still bound')
except NameError:
    print('NameError: err unbound')
def f():
    e = 'before'
    try:
        1 / 0
    except ZeroDivisionError as e:
        pass
    try:
        return e
    except NameError:
        return 'unbound in function'
    except UnboundLocalError:
        return 'unbound in function'
print(f())
