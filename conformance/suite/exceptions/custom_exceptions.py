# user-defined exception hierarchies with extra state
class AppError(Exception):
    pass
class NotFound(AppError):
    def __init__(self, what):
        super().__init__('not found: ' + what)
        self.what = what
class Invalid(AppError):
    def __init__(self, field, value):
        super().__init__(field, value)
        self.field = field
def act(n):
    if n == 0:
        raise NotFound('item')
    if n == 1:
        raise Invalid('age', -1)
    if n == 2:
        raise AppError('generic')
    return 'fine'
for n in range(4):
    try:
        print(act(n))
    except NotFound as e:
        print('NotFound', e.what, e.args, str(e))
    except Invalid as e:
        print('Invalid', e.field, e.args)
    except AppError as e:
        print('AppError', e.args)
print(issubclass(NotFound, AppError), issubclass(NotFound, Exception), isinstance(NotFound('x'), AppError))
class WithStr(Exception):
    def __str__(self):
        return 'custom str'
print(str(WithStr('ignored')), WithStr('a').args)
