# break inside try/finally and inside finally
log = []
for i in range(5):
    try:
        if i == 2:
            break
        log.append(i)
    finally:
        log.append('f%d' % i)
print(log)
def break_in_finally():
    for i in range(3):
        try:
            raise ValueError(i)
        finally:
            break
    return 'exception discarded at %d' % i
print(break_in_finally())
log = []
while True:
    try:
        try:
            break
        finally:
            log.append('inner')
    finally:
        log.append('outer')
print(log)
