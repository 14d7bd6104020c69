# MicroPython difference: the compiler does not mangle __private names (documented in cpydiff)
class A:
    def __init__(self):
        self.__secret = 'A-secret'
        self._prot = 'protected'
    def reveal(self):
        return self.__secret
class B(A):
    def __init__(self):
        super().__init__()
        self.__secret = 'B-secret'
    def reveal_b(self):
        return self.__secret
b = B()
print(b.reveal(), b.reveal_b(), b._prot)
print(hasattr(b, '__secret'), hasattr(b, '_A__secret'), hasattr(b, '_B__secret'))
print(getattr(b, '_A__secret', 'no _A__secret'), getattr(b, '__secret', 'no __secret'))
