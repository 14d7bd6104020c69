# interaction of loop else with try/except/finally
def search(items, target):
    for x in items:
        try:
            if x == target:
                break
        finally:
            pass
    else:
        return 'not found'
    return 'found'
print(search([1, 2, 3], 2), search([1, 2, 3], 9))
for i in range(2):
    try:
        pass
    except Exception:
        pass
    else:
        print('try-else', i)
else:
    print('loop-else')
k = 0
while k < 3:
    k += 1
    try:
        if k == 2:
            raise ValueError
    except ValueError:
        print('error at', k)
        continue
    print('ok at', k)
else:
    print('while-else')
