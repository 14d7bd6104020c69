# heap sort via heapq gives sorted output for many inputs
import heapq
def heapsort(items):
    h = list(items)
    heapq.heapify(h)
    return [heapq.heappop(h) for _ in range(len(h))]
for seq in ([], [1], [2, 1], list(range(20, 0, -1)), [5, 5, 1, 1, 3], [x * 37 % 101 for x in range(50)]):
    out = heapsort(seq)
    print(out == sorted(seq), out[:5])
