# nested comprehensions and scoping of loop variables
matrix = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print([row[i] for row in matrix for i in range(len(row)) if i == 1])
print([[row[i] for row in matrix] for i in range(3)])
print([v for row in matrix for v in row if v % 2])
flat = [v for row in [[x] * x for x in range(4)] for v in row]
print(flat)
def f(n):
    return [[i * j for j in range(n)] for i in range(n)]
print(f(3))
y = 5
print([y + i for i in range(3)])
def g():
    k = 10
    return [k + i for i in range(3)], {k - i for i in range(2)}
print(g()[0], sorted(g()[1]))
print([(i, j) for i in range(3) if i for j in range(i) if j != 1])
