# formatting exceptions into messages
def describe(e):
    return '%s: %s' % (type(e).__name__, e)
for e in (ValueError('bad value'), KeyError('k'), IndexError('list index out of range'), Exception(), RuntimeError(1, 2)):
    print(describe(e) if not isinstance(e, KeyError) else 'KeyError: ' + str(e.args[0]))
try:
    raise ValueError('code=%d' % 42)
except ValueError as e:
    print('{}'.format(e), str(e).upper(), e.args[0][-2:])
