# generators as methods and as __iter__
class Tree:
    def __init__(self, v, *kids):
        self.v, self.kids = v, kids
    def __iter__(self):
        yield self.v
        for k in self.kids:
            yield from k
    def depth_first(self, depth=0):
        yield depth, self.v
        for k in self.kids:
            yield from k.depth_first(depth + 1)
t = Tree(1, Tree(2, Tree(3)), Tree(4, Tree(5), Tree(6)))
print(list(t), sum(t), 5 in t)
print(list(t.depth_first()))
class Evens:
    def __init__(self, n):
        self.n = n
    def gen(self):
        i = 0
        while i < self.n:
            yield i
            i += 2
e = Evens(9)
print(list(e.gen()), list(e.gen()))
