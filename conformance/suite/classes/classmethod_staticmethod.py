# classmethod and staticmethod called on classes, instances and subclasses
class Counter:
    count = 0
    def __init__(self):
        Counter.count += 1
    @classmethod
    def created(cls):
        return cls.count
    @classmethod
    def make(cls, n):
        return [cls() for _ in range(n)]
    @staticmethod
    def add(a, b):
        return a + b
class Sub(Counter):
    pass
Counter.make(2)
Sub.make(3)
print(Counter.created(), Sub.created(), Counter().created())
print(Counter.add(1, 2), Counter().add(3, 4), Sub.add('a', 'b'))
print(type(Sub.make(1)[0]).__name__)
class Date:
    def __init__(self, y, m, d):
        self.ymd = (y, m, d)
    @classmethod
    def parse(cls, s):
        return cls(*map(int, s.split('-')))
print(Date.parse('2024-02-29').ymd)
