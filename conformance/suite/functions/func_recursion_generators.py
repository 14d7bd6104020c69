# recursive generators: tree walk and permutations
def walk(tree, depth=0):
    name, kids = tree
    yield depth, name
    for k in kids:
        yield from walk(k, depth + 1)
t = ('root', [('a', [('a1', []), ('a2', [])]), ('b', [('b1', [('b11', [])])])])
for d, n in walk(t):
    print('  ' * d + n)
def perms(items):
    if not items:
        yield []
        return
    for i in range(len(items)):
        for rest in perms(items[:i] + items[i + 1:]):
            yield [items[i]] + rest
print(list(perms([1, 2, 3])))
print(sum(1 for _ in perms(list(range(5)))))
