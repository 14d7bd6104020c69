# __eq__ and __hash__ decide dict/set membership
class Key:
    def __init__(self, name):
        self.name = name
    def __eq__(self, o):
        return isinstance(o, Key) and self.name.lower() == o.name.lower()
    def __hash__(self):
        return hash(self.name.lower())
d = {Key('Alpha'): 1}
print(d[Key('ALPHA')], Key('alpha') in d, Key('beta') in d)
s = {Key('a'), Key('A'), Key('b')}
print(len(s))
class Plain:
    pass
p1, p2 = Plain(), Plain()
print(p1 == p1, p1 == p2, len({p1, p2, p1}))
class Unhashable:
    def __eq__(self, o):
        return True
    __hash__ = None
try:
    {Unhashable()}
except TypeError:
    print('TypeError unhashable')
print(Unhashable() == 5)
