# recursive generators
def binary(n):
    if n == 0:
        yield ''
        return
    for rest in binary(n - 1):
        yield '0' + rest
        yield '1' + rest
print(list(binary(3)))
def combinations(items, k):
    if k == 0:
        yield ()
        return
    for i in range(len(items)):
        for rest in combinations(items[i + 1:], k - 1):
            yield (items[i],) + rest
print(list(combinations('abcd', 2)))
print(sum(1 for _ in combinations(list(range(8)), 4)))
def countdown(n):
    if n >= 0:
        yield n
        yield from countdown(n - 1)
print(list(countdown(10)))
