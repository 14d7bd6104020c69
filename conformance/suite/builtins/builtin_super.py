# super() with zero and two arguments
class A:
    def f(self):
        return 'A.f'
    def g(self):
        return 'A.g'
class B(A):
    def f(self):
        return 'B.f>' + super().f()
    def g(self):
        return 'B.g>' + super(B, self).g()
class C(B):
    def f(self):
        return 'C.f>' + super().f()
    def only_a(self):
        return super(B, self).f()
c = C()
print(c.f(), c.g(), c.only_a())
class Init:
    def __init__(self, v):
        self.v = v
class Init2(Init):
    def __init__(self):
        super().__init__('from child')
print(Init2().v)
