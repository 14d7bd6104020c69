# continue inside try/finally and finally blocks
log = []
for i in range(4):
    try:
        if i % 2:
            continue
        log.append('body%d' % i)
    finally:
        log.append('fin%d' % i)
print(log)
def continue_in_finally():
    out = []
    for i in range(3):
        try:
            raise KeyError(i)
        finally:
            out.append(i)
            continue
    return out
print(continue_in_finally())
n = 0
out = []
while n < 5:
    n += 1
    try:
        try:
            if n == 3:
                continue
        finally:
            out.append('i%d' % n)
    finally:
        out.append('o%d' % n)
print(out)
