# weakref.ref and weakref.finalize: objects that go call their callbacks; non-heap objects refuse
import weakref


class Thing:
    def __init__(self, name):
        self.name = name


def gone(r):
    print("ref callback, target now", r())


t = Thing("a")
r = weakref.ref(t, gone)
print(r() is t, r().name)
f = weakref.finalize(t, print, "finalized", "a")
print(f.alive, f.peek()[2])
t = None
print(r(), f.alive, f.peek())
u = Thing("b")
g = weakref.finalize(u, print, "never")
print(g.detach()[0].name, g.alive, g())
u = None
for value in (None, 1, "s", ()):
    try:
        weakref.ref(value)
    except TypeError:
        print(type(value).__name__, "TypeError")
