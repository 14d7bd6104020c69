# printf-style % formatting
print('%d %i %s %r' % (42, -3, 'str', 'str'))
print('%5d|%-5d|%05d|%+d' % (7, 7, 7, 7))
print('%x %X %o %#x %#o' % (255, 255, 8, 255, 8))
print('%c%c' % (72, 'i'))
print('%s' % (None,), '%s' % [1, 2], '%s' % ((1, 2),))
print('%(name)s is %(age)d' % {'name': 'Ann', 'age': 30})
print('%%', '%d%%' % 50)
print('%*d|%-*d|' % (5, 1, 4, 2))
print('%.3s|' % 'abcdef')
print('%s and %s' % ('a', 'b'))
print('%d' % 3.7, '%s' % 3.5)
try:
    print('%d %d' % (1,))
except TypeError:
    print('TypeError not enough')
try:
    print('%d' % (1, 2))
except TypeError:
    print('TypeError not all converted')
