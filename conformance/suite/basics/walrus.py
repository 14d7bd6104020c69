# assignment expressions (walrus)
data = [1, 5, 12, 7, 20]
if (n := len(data)) > 3:
    print('long', n)
print([y for x in data if (y := x * 2) > 10])
print(y)
it = iter(data)
total = 0
while (v := next(it, None)) is not None:
    total += v
print(total)
def f():
    return (a := 3) + a
print(f())
print((w := 'walrus'), w)
print([last := i for i in range(4)], last)
