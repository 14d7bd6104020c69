# try/except catching by type, by base class, by tuple and bare except
def attempt(f):
    try:
        f()
    except ZeroDivisionError:
        return 'zero'
    except (KeyError, IndexError) as e:
        return 'lookup ' + type(e).__name__
    except ArithmeticError:
        return 'arith'
    except Exception as e:
        return 'other ' + type(e).__name__
    return 'ok'
print(attempt(lambda: 1 // 0))
print(attempt(lambda: {}['k']))
print(attempt(lambda: [][1]))
print(attempt(lambda: int('x')))
print(attempt(lambda: None))
def raise_overflow():
    raise OverflowError
print(attempt(raise_overflow))
try:
    raise TypeError('bare')
except:
    print('bare except caught')
try:
    try:
        raise ValueError('inner')
    except TypeError:
        print('not here')
except ValueError as e:
    print('outer caught', e)
