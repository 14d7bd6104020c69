# generator.pend_throw: the exception is thrown in at the next resume
def counter():
    n = 0
    while True:
        try:
            yield n
        except KeyError as e:
            print("counter caught", repr(e))
        n += 1


g = counter()
print(next(g), next(g))
print(g.pend_throw(KeyError("k")))
print(next(g))
print(g.pend_throw(KeyError), g.pend_throw(None))
print(next(g))


def plain():
    yield 1
    yield 2


p = plain()
p.pend_throw(ValueError("not started"))
try:
    next(p)
except ValueError as e:
    print("raised", e)


def self_pend():
    yield me.pend_throw(ValueError())


me = self_pend()
try:
    next(me)
except ValueError as e:
    print("ValueError", e)
