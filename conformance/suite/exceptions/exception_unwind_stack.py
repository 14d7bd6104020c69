# unwinding through many frames runs every finally block in order
log = []
def rec(n):
    try:
        if n == 0:
            raise RuntimeError('bottom')
        rec(n - 1)
    finally:
        log.append(n)
try:
    rec(5)
except RuntimeError as e:
    print(e, log)
def with_values(n):
    stack = []
    try:
        stack.append(n)
        if n < 3:
            return with_values(n + 1) + stack
        raise IndexError
    except IndexError:
        return ['caught at %d' % n]
print(with_values(0))
def count_finally(depth, counter):
    try:
        if depth:
            count_finally(depth - 1, counter)
        else:
            raise KeyError(depth)
    finally:
        counter[0] += 1
c = [0]
try:
    count_finally(20, c)
except KeyError as e:
    print('finally blocks run:', c[0], e.args)
