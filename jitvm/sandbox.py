"""Attribute access for guest code: what of a host object the guest may see and change.

Guest objects (instances of guest classes, guest modules and functions) are open; host
objects show only public names and the special methods MicroPython has, so the guest
cannot walk from an object to host internals (``__subclasses__``, ``__globals__``,
frames, code objects).
"""

from __future__ import annotations

import string

from .gexc import GUEST_EXC
from .objects import Function, Generator, GuestModule, GuestType

_AttributeError = GUEST_EXC["AttributeError"]

ALLOWED_DUNDERS = frozenset("""
__class__ __name__ __init__ __new__ __call__ __repr__ __str__ __hash__ __eq__ __ne__ __lt__ __le__
__gt__ __ge__ __bool__ __len__ __iter__ __next__ __getitem__ __setitem__ __delitem__ __contains__
__enter__ __exit__ __aenter__ __aexit__ __aiter__ __anext__ __await__ __add__ __sub__ __mul__
__truediv__ __floordiv__ __mod__ __pow__ __lshift__ __rshift__ __and__ __or__ __xor__ __neg__
__pos__ __invert__ __abs__ __int__ __float__ __index__ __radd__ __rsub__ __rmul__ __rtruediv__
__rfloordiv__ __rmod__ __rpow__ __rlshift__ __rrshift__ __rand__ __ror__ __rxor__ __iadd__ __isub__
__imul__ __itruediv__ __ifloordiv__ __imod__ __ipow__ __ilshift__ __irshift__ __iand__ __ior__
__ixor__ __matmul__ __rmatmul__ __imatmul__ __get__ __set__ __delete__ __getattr__ __setattr__
__delattr__ __dict__ __module__ __qualname__ __doc__ __bases__ __del__ __dir__ __reversed__
__round__ __complex__ __format__ __set_name__ __init_subclass__ __main__ __version__ __file__
__traceback__ __globals__
""".split())

# public names on host objects that lead to frames, code or globals
DENIED_NAMES = frozenset("""
gi_frame gi_code gi_yieldfrom cr_frame cr_code cr_await ag_frame ag_code f_globals f_locals
f_back f_builtins f_code tb_frame tb_next func_globals func_code
""".split())

# dunders only guest-owned objects expose
_GUEST_ONLY = frozenset({"__dict__", "__file__", "__traceback__", "__globals__"})


def is_guest(obj) -> bool:
    t = type(obj)
    return type(t) is GuestType or t in (GuestModule, Function, Generator) or type(obj) is GuestType


def check(obj, name: str) -> None:
    if name in DENIED_NAMES:
        raise _AttributeError(f"'{type(obj).__name__}' object has no attribute '{name}'")
    if name[:1] != "_":
        return
    if name[:2] == "__" and name[-2:] == "__":
        if name in ALLOWED_DUNDERS and (name not in _GUEST_ONLY or is_guest(obj)):
            return
    elif is_guest(obj):
        return
    if isinstance(obj, type):
        raise _AttributeError(f"type object '{obj.__name__}' has no attribute '{name}'")
    raise _AttributeError(f"'{type(obj).__name__}' object has no attribute '{name}'")


class _SafeFormatter(string.Formatter):
    def get_field(self, field_name, args, kwargs):
        for part in field_name.replace("[", ".").split("."):
            if part.startswith("_"):
                raise GUEST_EXC["AttributeError"](f"attribute '{part}' not allowed in format")
        return super().get_field(field_name, args, kwargs)


_formatter = _SafeFormatter()


def safe_format(template: str, *args, **kwargs) -> str:
    return _formatter.vformat(template, args, kwargs)


def _str_format(s: str):
    if "." not in s and "[" not in s:
        return s.format  # no field can reach an attribute or an item: the host method is safe
    def format(*args, **kwargs):
        return safe_format(s, *args, **kwargs)
    return format


class Sandbox:
    """Builds the attribute getters and setters the ops use."""

    def __init__(self, vm) -> None:
        self.vm = vm

    def getattr(self, obj, name: str):
        check(obj, name)
        if name == "format" and type(obj) is str:
            return _str_format(obj)
        if name == "format" and obj is str:
            return safe_format  # str.format(template, ...) unbound
        if name == "__init_subclass__" and hasattr(obj, "_jitvm_init_subclass__"):
            return getattr(obj, "_jitvm_init_subclass__")
        if name == "format_map":
            raise _AttributeError(f"'{type(obj).__name__}' object has no attribute 'format_map'")
        try:
            return getattr(obj, name)
        except AttributeError as e:
            raise self._attr_error(obj, name, e) from None

    def _attr_error(self, obj, name, e):
        if isinstance(e, _AttributeError):
            return e
        msg = str(e)
        if "has no attribute" in msg or not msg:
            if isinstance(obj, type):
                return _AttributeError(f"type object '{obj.__name__}' has no attribute '{name}'")
            return _AttributeError(f"'{type(obj).__name__}' object has no attribute '{name}'")
        return _AttributeError(msg)

    def attr_getter(self, name: str):
        """A fast getter for a name known at decode time."""
        plain = name[:1] != "_" and name not in DENIED_NAMES and name not in ("format", "format_map")
        if plain:
            def get(obj):
                try:
                    return getattr(obj, name)
                except AttributeError as e:
                    raise self._attr_error(obj, name, e) from None
            return get
        return lambda obj: self.getattr(obj, name)

    def setattr(self, obj, name: str, value) -> None:
        if name[:1] == "_" and not is_guest(obj):
            check(obj, name)
        if name in DENIED_NAMES:
            check(obj, name)
        try:
            setattr(obj, name, value)
        except AttributeError as e:
            raise self._attr_error(obj, name, e) from None
        except TypeError as e:
            raise GUEST_EXC["TypeError"](str(e)) from None

    def attr_setter(self, name: str):
        return lambda obj, value: self.setattr(obj, name, value)

    def special_method(self, obj, name: str):
        try:
            return getattr(obj, name)
        except AttributeError:
            raise self._attr_error(obj, name, AttributeError()) from None

    def delattr(self, obj, name: str) -> None:
        check(obj, name)
        try:
            delattr(obj, name)
        except AttributeError as e:
            raise self._attr_error(obj, name, e) from None
