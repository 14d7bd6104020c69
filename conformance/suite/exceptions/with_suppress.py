# __exit__ returning True suppresses the exception
class Suppress:
    def __init__(self, *types):
        self.types = types
    def __enter__(self):
        return self
    def __exit__(self, et, ev, tb):
        self.seen = et.__name__ if et else None
        return et is not None and issubclass(et, self.types)
with Suppress(KeyError) as s:
    raise KeyError('gone')
print('after suppress', s.seen)
try:
    with Suppress(KeyError) as s:
        raise ValueError('kept')
except ValueError as e:
    print('propagated', e, s.seen)
with Suppress(Exception) as s:
    pass
print('no exception', s.seen)
def f():
    with Suppress(ZeroDivisionError):
        1 / 0
        return 'not here'
    return 'after with'
print(f())
