# MicroPython-only API: gc.mem_free/mem_alloc exist and behave sensibly
import gc
if not hasattr(gc, 'mem_free'):
    print('SKIP')
    raise SystemExit
gc.collect()
f, a = gc.mem_free(), gc.mem_alloc()
print(type(f).__name__, type(a).__name__, f > 0, a > 0)
data = [bytearray(100) for _ in range(50)]
print(gc.mem_alloc() > a)
del data
gc.collect()
print(gc.mem_free() > 0)
