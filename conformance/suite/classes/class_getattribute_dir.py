# dir() of instances includes methods and attributes
class A:
    x = 1
    def meth(self):
        pass
class B(A):
    y = 2
b = B()
b.z = 3
names = dir(b)
print([n for n in ('x', 'y', 'z', 'meth') if n in names])
print('nope' in names)
print(sorted(n for n in dir(B) if not n.startswith('_')))
print(sorted(n for n in dir(A) if not n.startswith('_')))
print('append' in dir([]), 'keys' in dir({}), 'upper' in dir(''))
