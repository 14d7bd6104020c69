# set methods
s = {1, 2}
s.add(3)
s.add(2)
print(sorted(s))
s.update([4, 5], (6,))
print(sorted(s))
s.discard(100)
s.discard(1)
s.remove(2)
print(sorted(s))
try:
    s.remove(100)
except KeyError:
    print('KeyError remove')
x = s.pop()
print(x in {3, 4, 5, 6}, len(s))
t = {1, 2, 3}
print(sorted(t.union({4})), sorted(t.intersection({2, 3, 9})), sorted(t.difference({1})), sorted(t.symmetric_difference({3, 4})))
print(t.issubset({1, 2, 3, 4}), t.issuperset({1}), t.isdisjoint({7, 8}), t.isdisjoint({3}))
u = t.copy()
u.clear()
print(sorted(t), u)
t.intersection_update({1, 2})
print(sorted(t))
t.difference_update({1})
print(sorted(t))
t.symmetric_difference_update({2, 5})
print(sorted(t))
try:
    set().pop()
except KeyError:
    print('KeyError pop')
