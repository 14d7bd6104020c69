# functions defined inside functions, inside loops and conditionals
def outer(flag):
    if flag:
        def pick():
            return 'yes'
    else:
        def pick():
            return 'no'
    return pick()
print(outer(True), outer(False))
def builder():
    ops = {}
    for name in ('neg', 'sq', 'half'):
        if name == 'neg':
            def op(x):
                return -x
        elif name == 'sq':
            def op(x):
                return x * x
        else:
            def op(x):
                return x / 2
        ops[name] = op
    return ops
ops = builder()
print(ops['neg'](3), ops['sq'](3), ops['half'](3))
def level1():
    def level2():
        def level3():
            def level4():
                return 'deep'
            return level4()
        return level3()
    return level2()
print(level1())
def recursive_inner(n):
    def helper(k):
        return 1 if k == 0 else k * helper(k - 1)
    return helper(n)
print(recursive_inner(6))
