# set() construction and mutation
print(sorted(set()), sorted(set([3, 1, 3])), sorted(set('mississippi')), sorted(set(range(5))), sorted(set({'k': 1, 'j': 2})))
s = set()
for x in (5, 1, 5, 3):
    s.add(x)
print(sorted(s), len(s), 3 in s)
print(set() == set(), set([1]) == {1}, set((1, 2)) | set([3]) == {1, 2, 3})
try:
    set([[1]])
except TypeError:
    print('TypeError unhashable')
print(sorted(set(x % 3 for x in range(10))), set('') == set())
