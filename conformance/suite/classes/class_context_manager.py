# classes as context managers: __enter__/__exit__ ordering and return values
class CM:
    def __init__(self, name, log):
        self.name, self.log = name, log
    def __enter__(self):
        self.log.append('enter ' + self.name)
        return self.name.upper()
    def __exit__(self, et, ev, tb):
        self.log.append('exit %s %s' % (self.name, et.__name__ if et else None))
        return False
log = []
with CM('a', log) as x, CM('b', log) as y:
    log.append('body %s %s' % (x, y))
print(log)
log = []
try:
    with CM('c', log):
        raise KeyError('k')
except KeyError:
    log.append('caught')
print(log)
log = []
with CM('d', log):
    with CM('e', log):
        log.append('inner')
print(log)
