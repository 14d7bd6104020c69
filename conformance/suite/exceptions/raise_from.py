# raise ... from ...: the new exception propagates
class AppError(Exception):
    pass
def load(d, k):
    try:
        return d[k]
    except KeyError as e:
        raise AppError('missing ' + k) from e
try:
    load({}, 'cfg')
except AppError as e:
    print('AppError', e)
try:
    raise RuntimeError('x') from None
except RuntimeError as e:
    print('RuntimeError', e)
print(load({'a': 1}, 'a'))
