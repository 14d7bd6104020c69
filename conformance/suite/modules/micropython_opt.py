# MicroPython-only module: micropython.opt_level and heap lock helpers exist
try:
    import micropython
except ImportError:
    print('SKIP')
    raise SystemExit
print(callable(micropython.const), hasattr(micropython, 'opt_level'))
print(micropython.const(5) + 1)
if hasattr(micropython, 'heap_lock'):
    micropython.heap_lock()
    micropython.heap_unlock()
    print('heap lock ok')
else:
    print('heap lock ok')
print(type(micropython.opt_level()).__name__)
