# callable() on functions, classes, instances, builtins and data
class WithCall:
    def __call__(self):
        pass
class Without:
    pass
def f():
    pass
names = ['f', 'lambda', 'WithCall', 'WithCall()', 'Without', 'Without()', 'len', 'print', '1', 'str', 'list', 'None', 'str.upper', '[].append']
items = [f, lambda: 0, WithCall, WithCall(), Without, Without(), len, print, 1, 'str', [], None, str.upper, [].append]
for n, x in zip(names, items):
    print(n, callable(x))
