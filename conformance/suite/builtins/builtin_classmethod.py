# classmethod() as decorator and as a plain call
class C:
    name = 'C'
    @classmethod
    def who(cls):
        return cls.name
    def _make(cls, v):
        return (cls.name, v)
    make = classmethod(_make)
class D(C):
    name = 'D'
print(C.who(), D.who(), C().who(), D().who())
print(C.make(1), D.make(2), D().make(3))
bound = D.who
print(bound())
