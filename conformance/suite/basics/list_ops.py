# list basics: indexing, concatenation, repetition, comparison, membership
a = [1, 2, 3]
b = a + [4, 5]
print(a, b, a * 2, 2 * [0], [] * 5, len(b))
print(b[0], b[-1], b[1:3], b[::-1], b[::2], b[-2:], b[:-4])
print(a == [1, 2, 3], a < [1, 2, 4], a < [1, 2], [1, [2]] == [1, [2]], [] < [0])
print(3 in a, 7 in a, 7 not in a, [2] in [[1], [2]])
c = a
c += [9]
print(a, c is a)
d = a * 1
d.append(0)
print(a, d)
nested = [[0] * 2 for _ in range(3)]
nested[0][0] = 5
print(nested)
alias = [[0] * 2] * 3
alias[0][0] = 5
print(alias)
print(list(range(5)), list('abc'), list((1, 2)), list({'k': 1}))
try:
    a[10]
except IndexError:
    print('IndexError')
a[-1] = 'z'
print(a, max([3, 1, 2]), min([3, 1, 2]), sum([1, 2, 3]))
