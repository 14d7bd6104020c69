# return from except and else blocks, with finally observing it
def f(x):
    try:
        r = 10 // x
    except ZeroDivisionError:
        return 'div by zero'
    else:
        return 'ok %d' % r
    finally:
        print('finally for', x)
print(f(2))
print(f(0))
def g():
    for i in range(3):
        try:
            raise ValueError(i)
        except ValueError as e:
            if e.args[0] == 1:
                return 'returned at %d' % i
print(g())
