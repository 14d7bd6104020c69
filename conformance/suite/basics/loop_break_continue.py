# break and continue in nested loops and inside try blocks
res = []
for i in range(4):
    for j in range(4):
        if j > i:
            break
        if (i + j) % 2:
            continue
        res.append((i, j))
print(res)
n = 0
while True:
    n += 1
    try:
        if n == 3:
            continue
        if n == 5:
            break
    finally:
        res.append(n)
print(res[-5:])
count = 0
for i in range(100):
    if i % 7:
        continue
    count += 1
print(count)
