# while loops with else, break and continue
i = 0
while i < 5:
    i += 1
else:
    print('else ran, i =', i)
i = 0
while i < 5:
    if i == 2:
        break
    i += 1
else:
    print('not printed')
print('broke at', i)
n = 0
out = []
while n < 10:
    n += 1
    if n % 3:
        continue
    out.append(n)
print(out)
while False:
    pass
else:
    print('else of empty while')
a, b = 0, 1
fib = []
while b < 100:
    fib.append(b)
    a, b = b, a + b
print(fib)
