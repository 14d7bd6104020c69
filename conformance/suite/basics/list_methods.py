# list methods
l = [5, 3, 8]
l.append(1)
l.extend([9, 2])
l.extend(range(2))
print(l)
l.insert(0, 'first')
l.insert(100, 'last')
l.insert(-1, 'penult')
print(l)
print(l.pop(), l.pop(0), l.pop(-2), l)
l.remove(8)
print(l, l.index(9), l.count(0), l.count(42))
l.reverse()
print(l)
c = l.copy()
l.clear()
print(l, c)
try:
    c.remove(1000)
except ValueError:
    print('ValueError remove')
try:
    [].pop()
except IndexError:
    print('IndexError pop')
try:
    c.index(1000)
except ValueError:
    print('ValueError index')
print([1, 2, 3, 2].index(2, 2))
