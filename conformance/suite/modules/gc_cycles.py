# reference cycles are reclaimed without affecting live objects
import gc
class Node:
    def __init__(self, v):
        self.v = v
        self.other = None
keep = Node('keep')
for i in range(200):
    a, b = Node(i), Node(-i)
    a.other, b.other = b, a
del a, b
gc.collect()
print(keep.v, keep.other)
lst = [keep]
lst.append(lst)
gc.collect()
print(lst[0].v, lst[1] is lst)
