# raising classes vs instances, and non-exception objects
try:
    raise ValueError
except ValueError as e:
    print(type(e).__name__, e.args, isinstance(e, ValueError))
class MyErr(Exception):
    def __init__(self):
        super().__init__('made by class')
try:
    raise MyErr
except MyErr as e:
    print(e.args)
try:
    raise 42
except TypeError:
    print('TypeError raising int')
try:
    raise object()
except TypeError:
    print('TypeError raising object')
err = KeyError('saved')
for i in range(2):
    try:
        raise err
    except KeyError as e:
        print(i, e is err)
