# heapq as a priority queue of (priority, name) tuples
import heapq
tasks = []
for prio, name in [(3, 'low'), (1, 'urgent'), (2, 'mid'), (1, 'also urgent'), (5, 'later')]:
    heapq.heappush(tasks, (prio, name))
while tasks:
    print(heapq.heappop(tasks))
