# assert with and without messages
assert True
assert 1 == 1, 'never'
try:
    assert False
except AssertionError as e:
    print('AssertionError', e.args)
try:
    assert 1 > 2, 'one is not greater'
except AssertionError as e:
    print('AssertionError', e.args, str(e))
try:
    assert [], ('tuple', 'msg')
except AssertionError as e:
    print(e.args)
def check(x):
    assert x >= 0, x
    return x
print(check(3))
try:
    check(-3)
except AssertionError as e:
    print('caught', e.args[0])
