# MicroPython difference: __del__ is not called for user-defined classes (documented in cpydiff)
import gc
log = []
class Res:
    def __init__(self, name):
        self.name = name
        log.append('open ' + name)
    def __del__(self):
        log.append('del ' + self.name)
r = Res('a')
del r
gc.collect()
Res('b')
gc.collect()
print('created two')
print([e for e in log if e.startswith('open')])
print('del entries:', len([e for e in log if e.startswith('del')]))
