# conditional expressions and if/elif/else chains
def classify(n):
    if n < 0:
        return 'neg'
    elif n == 0:
        return 'zero'
    elif n < 10:
        return 'small'
    else:
        return 'big'
print([classify(n) for n in (-5, 0, 3, 42)])
print(['even' if n % 2 == 0 else 'odd' for n in range(4)])
x = 7
print('a' if x > 5 else 'b' if x > 2 else 'c')
x = 3
print('a' if x > 5 else 'b' if x > 2 else 'c')
x = 1
print('a' if x > 5 else 'b' if x > 2 else 'c')
print((lambda v: 'T' if v else 'F')([]))
if []:
    print('no')
elif {}:
    print('no')
elif 0.0:
    print('no')
else:
    print('all falsy')
