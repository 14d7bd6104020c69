# non-ASCII text in data structures, dict keys and sets
data = {'größe': 3, 'naïve': 1, '日本': 2}
for k in sorted(data):
    print(k, data[k], len(k))
s = set('ababé€€')
print(len(s), sorted(s) == ['a', 'b', 'é', '€'])
l = ['α'] * 3 + ['β']
print(l.count('α'), l.index('β'), 'β' in l, ''.join(l))
t = tuple('日本語')
print(len(t), t[0] == '日', '-'.join(t))
