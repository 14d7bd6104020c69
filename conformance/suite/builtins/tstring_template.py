# t-strings (MicroPython 1.29, PEP 750): Template and Interpolation objects
from string.templatelib import Template, Interpolation

name, n = "Ada", 3
t = t"hi {name!r} x{n:>3}!"
print(type(t).__name__, t.strings, t.values)
i = t.interpolations[0]
print(i.value, i.expression, i.conversion, i.format_spec)
print(t.interpolations[1].format_spec, t.interpolations[1].conversion)
print(list(t))
print(t + t"{n}")
print(Template("a", Interpolation(1, "x"), "b", "c"))
print(Template())
print(Interpolation(5))
try:
    Template(1)
except TypeError as e:
    print("TypeError", e)
try:
    Template(strings=("a",))
except TypeError as e:
    print("TypeError", e)
try:
    t + "s"
except TypeError:
    print("TypeError str")
