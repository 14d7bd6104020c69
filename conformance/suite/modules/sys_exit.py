# sys.exit raises SystemExit with the given code
import sys
for arg in (None, 0, 3, 'message'):
    try:
        if arg is None:
            sys.exit()
        sys.exit(arg)
    except SystemExit as e:
        print(repr(arg), e.args)
try:
    raise SystemExit
except SystemExit as e:
    print('bare', e.args)
print('still running')
