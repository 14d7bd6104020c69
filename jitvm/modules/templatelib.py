"""Guest module `string.templatelib` (MicroPython 1.29's t-strings, PEP 750): Template and
Interpolation, and the `__template__` builtin that mpy-cross compiles ``t"..."`` into
(``__template__(strings, value, expression, conversion, format_spec, ...)``), as
MicroPython's py/objtemplate.c behaves."""

from __future__ import annotations

from jitvm.gexc import GUEST_EXC

__all__ = ["Template", "Interpolation"]


class Interpolation:
    """One replacement field of a template: value, expression text, conversion, format spec."""

    __slots__ = ("_value", "_expression", "_conversion", "_format_spec")
    __jitvm_guest_type__ = True

    def __init__(self, value, expression="", conversion=None, format_spec="") -> None:
        self._value = value
        self._expression = expression
        self._conversion = conversion
        self._format_spec = format_spec

    value = property(lambda self: self._value)
    expression = property(lambda self: self._expression)
    conversion = property(lambda self: self._conversion)
    format_spec = property(lambda self: self._format_spec)

    def __repr__(self) -> str:
        return (f"Interpolation({self._value!r}, {self._expression!r}, {self._conversion!r}, "
                f"{self._format_spec!r})")


class Template:
    """The strings around and the interpolations of a t-string; ``+`` joins two templates,
    iteration gives the non-empty strings and the interpolations in order."""

    __slots__ = ("_strings", "_interpolations")
    __jitvm_guest_type__ = True

    def __init__(self, *args, **kwargs) -> None:
        if kwargs:
            raise GUEST_EXC["TypeError"]("function doesn't take keyword arguments")
        if not args:
            self._strings, self._interpolations = ("",), ()
            return
        for a in args:
            if type(a) is not Interpolation and not isinstance(a, str):
                raise GUEST_EXC["TypeError"]("expected str or Interpolation")
        strings, interps, current = [], [], ""
        for a in args:
            if type(a) is Interpolation:
                strings.append(current)
                interps.append(a)
                current = ""
            else:
                current += a
        strings.append(current)
        self._strings, self._interpolations = tuple(strings), tuple(interps)

    strings = property(lambda self: self._strings)
    interpolations = property(lambda self: self._interpolations)
    values = property(lambda self: tuple(i._value for i in self._interpolations))

    def __repr__(self) -> str:
        return f"Template(strings={self._strings!r}, interpolations={self._interpolations!r})"

    def __add__(self, other):
        if type(other) is not Template:
            return NotImplemented
        t = Template.__new__(Template)
        s, o = self._strings, other._strings
        t._strings = s[:-1] + (s[-1] + o[0],) + o[1:]
        t._interpolations = self._interpolations + other._interpolations
        return t

    def __iter__(self):
        for k, s in enumerate(self._strings):
            if s:
                yield s
            if k < len(self._interpolations):
                yield self._interpolations[k]


def new_template(strings, *args):
    """The `__template__` builtin: the strings tuple, then each interpolation's four fields
    (or one tuple of them)."""
    if len(args) == 1:
        if not isinstance(args[0], (tuple, list)):
            raise GUEST_EXC["TypeError"](
                f"object '{type(args[0]).__name__}' isn't a tuple or list")
        args = tuple(args[0])
    t = Template.__new__(Template)
    t._strings = strings
    t._interpolations = tuple(Interpolation(*args[k:k + 4]) for k in range(0, len(args) // 4 * 4, 4))
    return t
