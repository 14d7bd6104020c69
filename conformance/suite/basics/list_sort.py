# list.sort and sorted with key and reverse; stability
l = [5, 2, 9, 1, 5, 6]
l.sort()
print(l)
l.sort(reverse=True)
print(l)
words = ['banana', 'Apple', 'cherry', 'date', 'Elder', 'fig']
print(sorted(words), sorted(words, key=len), sorted(words, key=lambda w: w.lower()))
print(sorted(words, key=len, reverse=True))
pairs = [(2, 'b'), (1, 'z'), (3, 'a'), (4, 'y'), (0, 'q')]
print(sorted(pairs, key=lambda p: p[0]))
print(sorted(pairs))
print(sorted('hello'), sorted((3, 1, 2)), sorted({3: 'a', 1: 'b'}))
print(sorted([]), sorted([1]), sorted([-1.5, 2, 0]))
try:
    sorted([1, 'a'])
except TypeError:
    print('TypeError mixed')
nums = [-3, 1, -2, 4]
nums.sort(key=abs)
print(nums)
