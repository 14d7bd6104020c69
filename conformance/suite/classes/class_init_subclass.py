# MicroPython difference: __init_subclass__ is not called automatically (PEP 487 not implemented, cpydiff)
seen = []
class Base:
    @classmethod
    def __init_subclass__(cls):
        seen.append(cls.__name__)
class A(Base):
    pass
class B(Base):
    pass
print('automatic:', seen)
A.__init_subclass__()
print('manual:', seen)
print(issubclass(B, Base))
