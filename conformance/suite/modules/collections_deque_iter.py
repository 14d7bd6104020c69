# deque as a sliding window over a stream
from collections import deque
def moving_sums(seq, n):
    win = deque((), n)
    out = []
    for x in seq:
        win.append(x)
        if len(win) == n:
            out.append(sum(win))
    return out
print(moving_sums(range(10), 3))
print(moving_sums([5, 1, 4], 5))
d = deque([1, 2, 3], 5)
print(list(d), [x * 2 for x in d], 2 in list(d))
while d:
    print(d.pop())
