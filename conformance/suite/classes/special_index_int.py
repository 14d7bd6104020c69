# __int__, __float__ and __index__ conversions
class Num:
    def __init__(self, v):
        self.v = v
    def __int__(self):
        return int(self.v)
    def __float__(self):
        return float(self.v)
    def __index__(self):
        return int(self.v)
n = Num(3.0)
print(int(n), float(n))
print([10, 20, 30, 40][Num(2)], 'abcdef'[Num(1):Num(4)])
print(range(Num(4))[-1], list(range(Num(1), Num(3))))
