# BaseException subclasses are not caught by 'except Exception'
for exc in (SystemExit, KeyboardInterrupt, GeneratorExit):
    try:
        try:
            raise exc('x')
        except Exception:
            print('wrongly caught by Exception')
    except BaseException as e:
        print(type(e).__name__, 'caught by BaseException', e.args)
try:
    raise SystemExit(3)
except SystemExit as e:
    print('exit code', e.args[0])
try:
    import sys
    sys.exit(5)
except SystemExit as e:
    print('sys.exit', e.args)
