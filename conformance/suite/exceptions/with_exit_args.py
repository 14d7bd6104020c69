# __exit__ receives the exception type, value and traceback
class Show:
    def __enter__(self):
        return 'entered'
    def __exit__(self, t, v, tb):
        print('exit', t is None, v is None, tb is None if t is None else 'tb')
        if t is not None:
            print('  type', t.__name__, 'value', v.args)
        return True
with Show() as x:
    print(x)
with Show():
    raise IndexError('idx', 1)
with Show():
    {}['missing']
print('done')
