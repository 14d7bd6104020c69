# exceptions as values: store, compare, raise later
errs = [ValueError('a'), KeyError('b'), TypeError('c')]
caught = []
for e in errs:
    try:
        raise e
    except Exception as got:
        caught.append((type(got).__name__, got is e))
print(caught)
def make():
    return IndexError('made', 3)
e = make()
print(e.args, isinstance(e, LookupError))
def raiser(exc):
    raise exc
for exc in errs:
    try:
        raiser(exc)
    except (ValueError, KeyError):
        print('handled', type(exc).__name__)
    except TypeError:
        print('type error', exc.args)
