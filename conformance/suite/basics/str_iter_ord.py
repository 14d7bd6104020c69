# iterating strings, ord/chr round trips, string comparison
s = 'Hello!'
print([c for c in s], [ord(c) for c in s])
print(''.join(chr(ord(c) + 1) for c in 'HAL'))
print('a' < 'b', 'Z' < 'a', 'abc' < 'abd', 'ab' < 'abc', '' < 'a', 'B' > 'A')
print(sorted('hello world'), min('hello'), max('hello'))
print(list(enumerate('ab')), list(zip('ab', 'xyz')))
print(str(123), str([1, 'a']), str((1,)), str({1: 'b'}), str(None), str(True))
print(repr('x'), repr(123), repr([1, 'a']), repr(None))
print(len(''), len('abc'), 'abc' * 0, 'abc'[1], 'x'.join('123'))
