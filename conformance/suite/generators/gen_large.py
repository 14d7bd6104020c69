# long-running generators and many generator objects
def count(n):
    i = 0
    while i < n:
        yield i
        i += 1
print(sum(count(20000)))
gens = [count(i) for i in range(200)]
print(sum(sum(g) for g in gens))
def nested(depth):
    if depth == 0:
        yield 'leaf'
    else:
        yield from nested(depth - 1)
print(list(nested(50)))
total = 0
for a in count(50):
    for b in count(a):
        total += b
print(total)
