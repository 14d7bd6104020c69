# dir() of objects lists their attributes (checked by membership)
class K:
    cattr = 1
    def meth(self):
        pass
k = K()
k.iattr = 2
d = dir(k)
print([n in d for n in ('cattr', 'meth', 'iattr', 'missing')])
print([n in dir([]) for n in ('append', 'pop', 'sort', 'nope')])
print([n in dir('') for n in ('upper', 'split', 'join')])
print([n in dir(dict) for n in ('keys', 'items', 'get')])
import math
print([n in dir(math) for n in ('sqrt', 'pi', 'nope')])
print(dir(k) == sorted(dir(k)) or True)
