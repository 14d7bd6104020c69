# instance __dict__ and vars()-like inspection
class P:
    cls_attr = 1
    def __init__(self):
        self.a = 1
        self.b = 2
p = P()
print(sorted(p.__dict__.items()))
p.c = 3
del p.a
print(sorted(p.__dict__.items()))
print('cls_attr' in p.__dict__, 'cls_attr' in dir(p), 'c' in dir(p))
print(sorted(k for k in P.__dict__ if not k.startswith('__')))
