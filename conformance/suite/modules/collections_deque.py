# collections.deque(iterable, maxlen) as a bounded queue
from collections import deque
d = deque((), 3)
for i in range(5):
    d.append(i)
print(list(d), len(d))
print(d.popleft(), d.popleft(), list(d), len(d))
d.append(10)
d.append(11)
d.append(12)
print(list(d), bool(d), bool(deque((), 2)))
q = deque([1, 2, 3], 10)
q.appendleft(0)
print(q.pop(), list(q))
q.extend([7, 8])
print(list(q))
try:
    deque((), 2).popleft()
except IndexError:
    print('IndexError empty')
