# array iteration, slicing, concatenation and errors
from array import array
a = array('h', range(-3, 4))
print(list(a), [x * 2 for x in a], max(a), min(a), 3 in list(a))
s = a[2:5]
print(type(s).__name__, list(s))
c = a + array('h', [100])
print(list(c), len(c))
a += array('h', [7])
print(list(a))
print(list(array('B', [0, 255])), list(array('b', [-128, 127])))
try:
    array('z')
except ValueError:
    print('ValueError typecode')
try:
    a[100]
except IndexError:
    print('IndexError')
