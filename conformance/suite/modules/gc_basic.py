# gc: collect, enable/disable and isenabled
import gc
print(gc.isenabled())
gc.disable()
print(gc.isenabled())
gc.enable()
print(gc.isenabled())
r = gc.collect()
print(type(r).__name__ in ('int', 'NoneType'))
garbage = [[i] * 10 for i in range(1000)]
del garbage
gc.collect()
print('collected')
