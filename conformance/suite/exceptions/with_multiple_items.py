# with statements holding several context managers exit in reverse order
class R:
    def __init__(self, n, log, fail=False):
        self.n, self.log, self.fail = n, log, fail
    def __enter__(self):
        if self.fail:
            raise RuntimeError('enter %d' % self.n)
        self.log.append('enter%d' % self.n)
        return self.n
    def __exit__(self, *exc):
        self.log.append('exit%d' % self.n)
log = []
with R(1, log) as a, R(2, log) as b, R(3, log) as c:
    log.append('body %d' % (a + b + c))
print(log)
log = []
try:
    with R(1, log), R(2, log, fail=True), R(3, log):
        log.append('body')
except RuntimeError as e:
    log.append(str(e))
print(log)
log = []
try:
    with R(1, log), R(2, log):
        raise ValueError
except ValueError:
    log.append('caught')
print(log)
