# code in the class body runs once, at definition time
log = []
class C:
    log.append('body start')
    a = 1
    b = a + 1
    items = [a, b]
    for i in range(3):
        items.append(i)
    del i
    def m(self):
        return self.b
    log.append('body end')
print(log, C.a, C.b, C.items, C().m(), hasattr(C, 'i'))
class D:
    if C.a:
        kind = 'yes'
    else:
        kind = 'no'
print(D.kind)
class E:
    x = 10
    doubled = [x * 2]
    def f(self, k=x):
        return k
print(E.doubled, E().f(), E().f(3))
