# exceptions raised by __enter__ and __exit__
class BadEnter:
    def __enter__(self):
        raise RuntimeError('enter failed')
    def __exit__(self, *a):
        print('exit not called')
try:
    with BadEnter():
        print('body not run')
except RuntimeError as e:
    print(e)
class BadExit:
    def __enter__(self):
        return self
    def __exit__(self, *a):
        raise ValueError('exit failed')
try:
    with BadExit():
        print('body runs')
except ValueError as e:
    print(e)
try:
    with BadExit():
        raise KeyError('body error')
except ValueError as e:
    print('exit error replaces body error:', e)
except KeyError:
    print('wrong')
