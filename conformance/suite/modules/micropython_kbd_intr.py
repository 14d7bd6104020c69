# MicroPython-only module: micropython.kbd_intr and schedule are callable
try:
    import micropython
except ImportError:
    print('SKIP')
    raise SystemExit
print(callable(getattr(micropython, 'kbd_intr', None)))
print(callable(getattr(micropython, 'schedule', None)))
print(callable(getattr(micropython, 'mem_info', None)), callable(getattr(micropython, 'qstr_info', None)))
