# dict keys/values/items views and iteration
d = {'one': 1, 'two': 2, 'three': 3}
print(sorted(d.keys()), sorted(d.values()), sorted(d.items()))
print(len(d.keys()), 'one' in d.keys(), 2 in d.values(), ('two', 2) in d.items() if True else None)
total = 0
for k in d:
    total += d[k]
print(total)
for k, v in sorted(d.items()):
    print(k, v)
ks = d.keys()
d['four'] = 4
print(len(ks), sorted(ks))
print(sorted(k for k, v in d.items() if v % 2 == 0))
print(list({}.keys()), list({}.items()))
inv = {v: k for k, v in d.items()}
print(sorted(inv.items()))
