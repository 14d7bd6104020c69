# exceptions inside loops: continuing after errors, counting failures
data = ['1', 'x', '3', '', '5.0', '7']
ok, bad = [], []
for s in data:
    try:
        ok.append(int(s))
    except ValueError:
        bad.append(s)
        continue
    finally:
        pass
print(ok, bad)
def first_int(items):
    for s in items:
        try:
            return int(s)
        except ValueError:
            pass
    return None
print(first_int(['a', 'b', '42', '7']), first_int([]))
total = 0
i = 0
while True:
    try:
        total += [10, 20, 30][i]
        i += 1
    except IndexError:
        break
print(total, i)
