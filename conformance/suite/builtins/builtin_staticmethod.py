# staticmethod() as decorator and as a call
class M:
    @staticmethod
    def add(a, b):
        return a + b
    def _mul(a, b):
        return a * b
    mul = staticmethod(_mul)
print(M.add(1, 2), M().add(3, 4), M.mul(5, 6), M().mul('x', 3))
f = M.add
print(f(10, 20))
class N(M):
    pass
print(N.add(1, 1), N().mul(2, 2))
