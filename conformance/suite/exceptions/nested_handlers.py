# exceptions crossing several nested try levels and functions
def level3():
    raise KeyError('deep')
def level2():
    try:
        level3()
    finally:
        print('level2 finally')
def level1():
    try:
        level2()
    except ValueError:
        print('not here')
    print('not reached')
try:
    level1()
except KeyError as e:
    print('top caught', e.args)
def translate():
    try:
        try:
            [][0]
        except IndexError:
            raise ValueError('translated')
    except ValueError as e:
        return 'got ' + str(e)
print(translate())
result = []
for i in range(3):
    try:
        try:
            if i == 0:
                raise TypeError
            if i == 1:
                raise ValueError
        except TypeError:
            result.append('inner T')
            raise ValueError
    except ValueError:
        result.append('outer V%d' % i)
    else:
        result.append('else%d' % i)
print(result)
