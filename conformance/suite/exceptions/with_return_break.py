# return, break and continue leaving with-blocks call __exit__
class CM:
    def __init__(self, tag, log):
        self.tag, self.log = tag, log
    def __enter__(self):
        self.log.append('in ' + self.tag)
    def __exit__(self, *a):
        self.log.append('out ' + self.tag)
log = []
def ret():
    with CM('ret', log):
        return 'value'
print(ret(), log)
log = []
for i in range(3):
    with CM(str(i), log):
        if i == 1:
            break
print(log)
log = []
for i in range(3):
    with CM(str(i), log):
        if i < 2:
            continue
        log.append('body ' + str(i))
print(log)
log = []
def nested():
    with CM('a', log):
        with CM('b', log):
            for j in range(5):
                with CM('c%d' % j, log):
                    if j == 1:
                        return j
print(nested(), log)
