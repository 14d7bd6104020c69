# heapq.heappush/heappop keep the smallest item first
import heapq
h = []
for x in [5, 1, 8, 3, 9, 2]:
    heapq.heappush(h, x)
print(h[0], len(h))
print([heapq.heappop(h) for _ in range(len(h))])
data = [9, 7, 5, 3, 1, 2, 4, 6, 8]
heapq.heapify(data)
print(data[0], [heapq.heappop(data) for _ in range(3)], len(data))
try:
    heapq.heappop([])
except IndexError:
    print('IndexError')
