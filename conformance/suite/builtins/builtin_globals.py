# globals() returns the module namespace dict
g = globals()
print(type(g).__name__, g is globals(), '__name__' in g, g['__name__'] == __name__)
value = 42
print(g['value'])
g['created'] = 'via globals'
print(created)
def f():
    return 'value' in globals(), globals() is g
print(f())
del g['created']
print('created' in globals())
