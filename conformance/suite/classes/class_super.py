# super() in methods, __init__ chains and with explicit arguments
class A:
    def __init__(self):
        self.log = ['A']
    def who(self):
        return 'A'
class B(A):
    def __init__(self):
        super().__init__()
        self.log.append('B')
    def who(self):
        return 'B>' + super().who()
class C(B):
    def __init__(self):
        super(C, self).__init__()
        self.log.append('C')
    def who(self):
        return 'C>' + super(C, self).who()
c = C()
print(c.log, c.who())
class Base:
    @classmethod
    def make(cls):
        return cls.__name__
class Child(Base):
    @classmethod
    def make(cls):
        return 'child of ' + super().make()
print(Child.make(), Base.make())
class L(list):
    def append(self, x):
        super().append(x * 2)
l = L()
l.append(5)
l.append(1)
print(l, len(l))
