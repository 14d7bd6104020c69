# subclassing list, dict, str, int and Exception
class Stack(list):
    def push(self, x):
        self.append(x)
    def peek(self):
        return self[-1]
s = Stack()
s.push(1); s.push(2)
print(s, s.peek(), len(s), s.pop(), isinstance(s, list))
class DefaultDict(dict):
    def __missing__(self, k):
        return 'missing:' + str(k)
    def get2(self, k):
        return self[k] if k in self else self.__missing__(k)
d = DefaultDict(a=1)
print(d['a'], d.get2('b'), sorted(d.items()))
class Name(str):
    def shout(self):
        return self.upper() + '!'
n = Name('bob')
print(n, n.shout(), len(n), n + 'by', isinstance(n, str))
class Even(int):
    def is_even(self):
        return self % 2 == 0
e = Even(10)
print(e, e + 1, e.is_even(), Even(3).is_even())
class MyErr(Exception):
    pass
try:
    raise MyErr('custom', 2)
except Exception as ex:
    print(type(ex).__name__, ex.args)
