# MicroPython difference: error messages are MicroPython's own texts (py/bc.c). Each call is made
# several times so that it also runs once its callee is translated (and binds arguments there).


def pos2(a, b):
    return (a, b)


def with_default(a, b=1):
    return (a, b)


def everything(a, b=2, *rest, c, d=4, **extra):
    return (a, b, rest, c, d, sorted(extra.items()))


def kwonly_required(*, x):
    return x


def kwonly_default(*, x=5):
    return x


def make_adder(base):
    def add(n, step=1):
        return base + n * step
    return add


adder = make_adder(100)
calls = [
    ("pos2(1, 2)", lambda: pos2(1, 2)),
    ("pos2(b=2, a=1)", lambda: pos2(b=2, a=1)),
    ("pos2(b=1)", lambda: pos2(b=1)),
    ("pos2(a=1)", lambda: pos2(a=1)),
    ("pos2(1)", lambda: pos2(1)),
    ("pos2(1, 2, 3)", lambda: pos2(1, 2, 3)),
    ("pos2(1, a=2)", lambda: pos2(1, a=2)),
    ("pos2(1, 2, z=3)", lambda: pos2(1, 2, z=3)),
    ("with_default()", lambda: with_default()),
    ("with_default(7)", lambda: with_default(7)),
    ("with_default(7, 8)", lambda: with_default(7, 8)),
    ("with_default(b=3, a=4)", lambda: with_default(b=3, a=4)),
    ("with_default(b=3)", lambda: with_default(b=3)),
    ("everything(1, c=3)", lambda: everything(1, c=3)),
    ("everything(1, 2, 3, 4, c=5, d=6, e=7)", lambda: everything(1, 2, 3, 4, c=5, d=6, e=7)),
    ("everything(1)", lambda: everything(1)),
    ("everything(c=1)", lambda: everything(c=1)),
    ("everything(1, c=2, c2=3)", lambda: everything(1, c=2, c2=3)),
    ("kwonly_required()", lambda: kwonly_required()),
    ("kwonly_required(x=1)", lambda: kwonly_required(x=1)),
    ("kwonly_required(1)", lambda: kwonly_required(1)),
    ("kwonly_required(**{'x': 1, 'y': 2})", lambda: kwonly_required(**{"x": 1, "y": 2})),
    ("kwonly_default()", lambda: kwonly_default()),
    ("kwonly_default(x=6)", lambda: kwonly_default(x=6)),
    ("kwonly_default(y=6)", lambda: kwonly_default(y=6)),
    ("pos2(**{1: 2})", lambda: pos2(**{1: 2})),
    ("adder(1)", lambda: adder(1)),
    ("adder(1, 3)", lambda: adder(1, 3)),
    ("adder(n=2, step=5)", lambda: adder(n=2, step=5)),
    ("adder()", lambda: adder()),
    ("adder(1, 2, 3)", lambda: adder(1, 2, 3)),
]
for _ in range(3):
    for text, call in calls:
        try:
            print(text, "->", call())
        except TypeError as e:
            print(text, "-> TypeError", e)


def raises_inside(a, b=0):
    print("entered once", a, b)
    raise TypeError("from the body")


for _ in range(3):
    for call in (lambda: raises_inside(1), lambda: raises_inside(1, b=2), lambda: raises_inside(a=3)):
        try:
            call()
        except TypeError as e:
            print("TypeError", e)
