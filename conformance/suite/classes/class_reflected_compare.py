# comparison methods called with user objects on the left
class Lo:
    def __init__(self, v):
        self.v = v
    def __lt__(self, o):
        print('Lo.__lt__')
        return self.v < (o.v if isinstance(o, Lo) else o)
    def __gt__(self, o):
        print('Lo.__gt__')
        return self.v > (o.v if isinstance(o, Lo) else o)
print(Lo(1) < 5)
print(Lo(2) > Lo(1))
print(Lo(2) < Lo(1))
print(Lo(0) > -1)
class E:
    def __eq__(self, o):
        print('E.__eq__')
        return True
print(E() == 1, E() == 'x')
