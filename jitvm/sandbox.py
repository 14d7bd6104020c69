"""What guest code may see of an object: an allowlist per guest-visible type.

Every attribute the guest reads, writes or deletes (every tier's attribute ops, ``getattr``,
``hasattr``, ``setattr``, ``delattr``, ``dir``, ``from m import x``, ``super()``) goes
through :func:`policy` for the object's type (for a class: the class itself), one of:

- ``OPEN``: guest classes and their instances, guest modules: the guest's own namespace;
  dunders only from :data:`ALLOWED_DUNDERS`.
- ``VALUE``: host builtin value types (int, str, list, dict, exceptions, host functions of
  jitvm's modules, ...): public names minus :data:`DENIED_NAMES`, plus the allowed dunders.
- a :class:`Allow` entry: exactly the names listed (jitvm's own types: functions,
  generators, streams, hardware objects). jitvm types that declare nothing get the public
  names their classes define (``__guest_attrs__`` adds instance attributes).
- anything else (a host type nobody registered): nothing but ``__class__``.

Guest-controlled names are compared exactly as the host will use them; generated code
never carries a guest name as Python source (see ``jitvm.emitters.is_plain_attr``).
``str.format`` refuses attribute and index fields, as MicroPython does.
"""

from __future__ import annotations

import types
from _string import formatter_parser  # what string.Formatter().parse calls

from .gexc import GUEST_EXC
from .objects import BuiltinModule, Cell, Function, Generator, GuestModule, GuestType, TranslatedGenerator

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
__globals__
""".split())

# dunders that only the guest's own objects (OPEN) or a type's Allow entry expose
_GUEST_ONLY = frozenset({"__dict__", "__file__", "__globals__", "__dir__"})

# public names of host types that lead to frames, code, globals or host callables' insides
DENIED_NAMES = frozenset("""
gi_frame gi_code gi_yieldfrom gi_running gi_suspended cr_frame cr_code cr_await cr_origin
ag_frame ag_code ag_await f_globals f_locals f_back f_builtins f_code f_trace f_lasti f_lineno
tb_frame tb_next tb_lasti tb_lineno func_globals func_code func_closure cell_contents
co_code co_consts co_names co_varnames co_filename fget fset fdel with_traceback
""".split())

# names whose value is rewritten for the guest whatever object they come from
_FORMAT_NAMES = frozenset({"format", "format_map"})

# what every class shows, whatever its instances show
_CLASS_NAMES = frozenset({"__name__", "__qualname__", "__module__", "__doc__", "__bases__"})
_WRITE_HOOKS = frozenset({"__setattr__", "__delattr__"})
_HOST_WRAPPERS = (types.MethodWrapperType, types.WrapperDescriptorType)

OPEN = "open"
VALUE = "value"


class Allow:
    """Exactly these names (and ``__class__``); ``instance_dict``: also the object's own
    ``__dict__`` entries, which the guest may set (a guest function's attributes)."""

    __slots__ = ("names", "instance_dict", "settable", "subclassable")

    def __init__(self, names, instance_dict: bool = False, settable=(),
                 subclassable: bool = False) -> None:
        self.names = frozenset(names) | {"__class__"}
        self.instance_dict = instance_dict
        self.settable = frozenset(settable)
        self.subclassable = subclassable  # a guest class may derive from it (machine.Pin)


_POLICY: dict = {}
# types whose instances show any plain public name as the host has it: generated code may
# read `obj.name` directly when type(obj) is in this set (a dict for a fast `in`)
DIRECT_TYPES: dict = {}

# host builtins types that must never reach the guest; if one does, it shows nothing
_HOST_INTERNALS = (types.FrameType, types.CodeType, types.TracebackType, types.CellType,
                   types.ModuleType, types.GeneratorType, types.CoroutineType,
                   types.AsyncGeneratorType)


def register(t: type, entry) -> None:
    """Give type ``t`` a policy (``OPEN``, ``VALUE`` or an :class:`Allow`)."""
    _POLICY[t] = entry
    if (entry is OPEN or entry is VALUE) and t is not type:  # class access is never direct
        DIRECT_TYPES[t] = True
    else:
        DIRECT_TYPES.pop(t, None)


def register_guest_class(cls: type) -> None:
    """Called by the guest metaclass for every class the guest creates."""
    _POLICY[cls] = OPEN
    DIRECT_TYPES[cls] = True


def _jitvm_class(k: type) -> bool:
    return (k.__module__ or "").startswith("jitvm") or bool(k.__dict__.get("__jitvm_guest_type__"))


def present_as_firmware(ns: dict) -> None:
    """A firmware module's classes print as the firmware's (``<class 'OrderedDict'>``, not
    jitvm's module path): each jitvm class of the module gets its policy now, from where it
    is defined, then the module name ``builtins`` (type.__repr__ leaves that out) and the
    mark that keeps it jitvm's own for the classes classified after it."""
    for v in list(ns.values()):
        if not isinstance(v, type) or isinstance(v, GuestType) or issubclass(v, BaseException):
            continue
        mod = v.__dict__.get("__module__") or ""
        if not mod.startswith("jitvm.") or _never_guest(mod):
            continue
        policy(v)
        v.__jitvm_guest_type__ = True
        v.__module__ = "builtins"


def _derived(t: type) -> Allow:
    """jitvm's own classes: the public names (and allowed dunders) their classes define; a
    class built on a host type lists its public names in ``__guest_names__`` (the host type's
    own methods stay hidden)."""
    names = set(getattr(t, "__guest_attrs__", ()))
    exact = getattr(t, "__guest_names__", None)
    for k in t.__mro__:
        if k is object:
            continue
        host_base = exact is not None and not _jitvm_class(k)
        for n in vars(k):
            if host_base:
                continue
            if (n[:1] != "_" and exact is None) or (n in ALLOWED_DUNDERS and n not in _GUEST_ONLY):
                names.add(n)
    if exact is not None:
        names.update(exact)
    return Allow(names - DENIED_NAMES - _FORMAT_NAMES,
                 subclassable=bool(t.__dict__.get("__guest_subclassable__")))


def _classify(t: type):
    if type(t) is type and "__module__" not in t.__dict__ and not _bases_acceptable(t):
        return Allow(())  # made by the guest's type(name, bases, d) over a base it may not derive
    own = _defined_by_jitvm(t)
    if not own:
        for base in t.__mro__[1:]:  # however a class was made, it inherits a base's restrictions
            bp = policy(base)
            if bp is VALUE:
                break  # a host value type: what lies behind it is the host's own machinery
            if isinstance(bp, Allow) and not bp.subclassable:
                return bp
    if isinstance(t, GuestType):
        return OPEN
    if issubclass(t, _HOST_INTERNALS):
        return Allow(())
    mod = getattr(t, "__module__", "") or ""
    if own or t.__dict__.get("__jitvm_guest_type__"):
        return _derived(t)
    if mod == "builtins":
        return VALUE
    if type(t) is type and not _resolves(t) and not _never_guest(mod) and (
            mod.startswith("jitvm.") or "__module__" not in t.__dict__):
        return OPEN  # made at run time by type(name, bases, dict) in guest code
    return Allow(())


def _defined_by_jitvm(t: type) -> bool:
    """A class of jitvm's own guest-facing modules, found under its name in its module (a class
    the guest makes with type() may carry any __module__, but is not in that module)."""
    mod = getattr(t, "__module__", "") or ""
    if not mod.startswith(("jitvm.", "hal.api")) or _never_guest(mod):
        return False
    return _resolves(t)


def _resolves(t: type) -> bool:
    """Is ``t`` what its module holds under its qualified name?"""
    import sys

    obj = sys.modules.get(getattr(t, "__module__", "") or "")
    for part in t.__qualname__.split("."):
        obj = getattr(obj, part, None)
    return obj is t


# jitvm's machinery: nothing of it is the guest's, whatever public names it has
_NEVER_GUEST = ("jitvm.vm", "jitvm.interp", "jitvm.execute", "jitvm.importer", "jitvm.sandbox",
                "jitvm.runner", "jitvm.supervisor", "jitvm.translate", "jitvm.runtime",
                "jitvm.analysis", "jitvm.opdefs", "jitvm.jit", "jitvm.hardware", "jitvm.compiler",
                "jitvm.modules._hw", "jitvm.viper", "jitvm.vipertype", "jitvm.vipertrans")


def _never_guest(mod: str) -> bool:
    """A module of jitvm's machinery, or a submodule of one (``jitvm.vm`` is not
    ``jitvm.vmmods``)."""
    return any(mod == m or mod.startswith(m + ".") for m in _NEVER_GUEST)


def policy(key: type):
    p = _POLICY.get(key)
    if p is None:
        p = _classify(key)
        register(key, p) if p is OPEN or p is VALUE else _POLICY.__setitem__(key, p)
    return p


def _key(obj):
    return obj if isinstance(obj, type) else type(obj)


def check_bases(bases: tuple) -> None:
    """A guest class may derive from guest classes, host value types and jitvm's hardware and
    library classes, never from jitvm's internals (functions, generators, streams)."""
    for b in bases:
        p = policy(b) if isinstance(b, type) else None
        if p is None or not (p is OPEN or p is VALUE or p.subclassable) or b in _NO_SUBCLASS:
            name = getattr(b, "__name__", type(b).__name__)
            raise GUEST_EXC["TypeError"](f"type '{name}' is not an acceptable base type")


def _bases_acceptable(t: type) -> bool:
    try:
        check_bases(t.__bases__)
    except TypeError:
        return False
    return True


_NO_SUBCLASS = {type(None), bool, types.FunctionType, types.BuiltinFunctionType, range, slice,
                memoryview}


def is_guest(obj) -> bool:
    """An object of the guest's own making (its classes, their instances, its modules)."""
    return policy(_key(obj)) is OPEN


def _no_attr(obj, name: str):
    if isinstance(obj, type):
        return _AttributeError(f"type object '{obj.__name__}' has no attribute '{name}'")
    if type(obj).__name__ == "module":  # MicroPython 1.29 names the module (CircuitPython 9 not)
        from .modules import _hw

        if _hw.flavor() != "circuitpython":
            d = getattr(obj, "__dict__", None)
            mod = d.get("__name__") if isinstance(d, dict) else None
            if isinstance(mod, str):
                return _AttributeError(f"module '{mod}' has no attribute '{name}'")
    return _AttributeError(f"'{type(obj).__name__}' object has no attribute '{name}'")


def allowed(obj, name: str) -> bool:
    """May the guest read ``obj.name``? (The name exactly as the host will look it up.)"""
    if type(name) is not str or name[:6] == "_jitvm":  # jitvm's notes on guest objects
        return False
    p = policy(_key(obj))
    dunder = name[:2] == "__" and name[-2:] == "__" and len(name) > 4
    if p is OPEN:
        return not dunder or name in ALLOWED_DUNDERS or _in_own_dict(obj, name)
    if p is VALUE:
        if dunder:
            return name in ALLOWED_DUNDERS and name not in _GUEST_ONLY
        return name[:1] != "_" and name not in DENIED_NAMES
    if name in p.names:
        return True
    if name in _CLASS_NAMES and isinstance(obj, type):
        return True
    if p.instance_dict and not dunder and not isinstance(obj, type):
        d = getattr(obj, "__dict__", None)
        return d is not None and name in d
    return False


def _in_own_dict(obj, name: str) -> bool:
    """A guest object's own entry (``builtins.__import__``, a class's ``__slots__``)."""
    try:
        d = object.__getattribute__(obj, "__dict__")
    except AttributeError:
        return False
    return name in d and name not in _OPEN_HIDDEN


# what a guest class's own dict holds that is the host's, not the guest's
_OPEN_HIDDEN = frozenset({"__weakref__", "__dict__"})


def check(obj, name: str) -> None:
    if not allowed(obj, name):
        raise _no_attr(obj, name)


# ---- str.format as MicroPython has it: no attribute or index fields ---------------------------
def _check_template(template: str, depth: int = 0) -> None:
    try:
        fields = list(formatter_parser(template))
    except ValueError as e:
        raise GUEST_EXC["ValueError"](str(e)) from None
    for _lit, field, spec, _conv in fields:
        if field and ("." in field or "[" in field):
            raise GUEST_EXC["NotImplementedError"]("attributes not supported")
        if spec and "{" in spec and depth < 3:
            _check_template(spec, depth + 1)


def safe_format(template, *args, **kwargs) -> str:
    if not isinstance(template, str):
        raise GUEST_EXC["TypeError"]("descriptor 'format' requires a 'str' object")
    template = str.__str__(template)  # a str subclass formats as its text, never via its class
    if "." in template or "[" in template:
        _check_template(template)
    return template.format(*args, **kwargs)


def _bound_format(s: str):
    if type(s) is str and "." not in s and "[" not in s:
        return s.format  # no field can reach an attribute or an item: the host method is safe

    def format(*args, **kwargs):
        return safe_format(s, *args, **kwargs)
    return format


def _format_value(obj, name: str, value):
    """The guest's view of a ``format``/``format_map`` attribute, however it was reached."""
    host_self = getattr(value, "__self__", None) if type(value) is types.BuiltinMethodType else None
    if isinstance(host_self, str) or value is str.format or value is str.format_map:
        if name == "format_map" or getattr(value, "__name__", "") == "format_map":
            raise _no_attr(obj, name)
        return safe_format if value is str.format else _bound_format(host_self)
    return value


_object_new = object.__new__


def _guest_object_new(cls, *args, **kwargs):
    """``object.__new__`` as the guest has it: only for classes whose instances are its own."""
    if not isinstance(cls, type):
        raise GUEST_EXC["TypeError"]("object.__new__(X): X is not a type object")
    p = policy(cls)
    if p is not OPEN and p is not VALUE and not (isinstance(p, Allow) and p.subclassable):
        raise GUEST_EXC["TypeError"](f"cannot create '{cls.__name__}' instances")
    return _object_new(cls)


_GENERATORS = (Generator, TranslatedGenerator)


def _circuitpython() -> bool:
    from .modules import _hw

    return _hw.flavor() == "circuitpython"


def _traceback_attr(exc):
    """``exc.__traceback__``: CircuitPython has the attribute (an opaque traceback, None
    before the exception was raised); MicroPython's unix port has none to read."""
    if _circuitpython():
        from .execute import GuestTraceback

        entries = tuple(getattr(exc, "_jitvm_tb", ()))
        return GuestTraceback(entries) if entries else None
    raise _no_attr(exc, "__traceback__")


_CHAIN_NAMES = frozenset(("__cause__", "__context__", "__suppress_context__"))


class Sandbox:
    """The attribute getters and setters every tier's ops use."""

    def __init__(self, vm) -> None:
        self.vm = vm

    def getattr(self, obj, name: str):
        if (type(obj) in DIRECT_TYPES and type(name) is str and name[:1] != "_"
                and name not in DENIED_NAMES and name not in _FORMAT_NAMES):
            # what attr_getter's fast path does for names known at decode time: the guest's
            # own objects and host values, a public name (allowed() says yes for these)
            try:
                return getattr(obj, name)
            except AttributeError as e:
                raise self._attr_error(obj, name, e) from None
        if name == "__traceback__" and isinstance(obj, BaseException):
            return _traceback_attr(obj)
        if name in _CHAIN_NAMES and isinstance(obj, BaseException):
            if not _circuitpython():  # MicroPython keeps no chain
                raise _no_attr(obj, name)
            return getattr(obj, name)  # CircuitPython's chained exceptions
        if name == "__await__" and type(obj) in _GENERATORS and not _circuitpython():
            raise _no_attr(obj, name)  # MicroPython's generators have none
        check(obj, name)
        if name == "__init_subclass__" and hasattr(obj, "_jitvm_init_subclass__"):
            return obj._jitvm_init_subclass__
        if name == "__bases__" and isinstance(obj, GuestType):  # the guest's object is object
            from .objects import GuestObject

            return tuple(object if b is GuestObject else b for b in obj.__bases__)
        try:
            value = getattr(obj, name)
        except AttributeError as e:
            raise self._attr_error(obj, name, e) from None
        if name in _FORMAT_NAMES:
            return _format_value(obj, name, value)
        if value is _object_new:
            return _guest_object_new
        if name in _WRITE_HOOKS and type(value) in _HOST_WRAPPERS:
            return self._checked_writer(value)
        return value

    def _checked_writer(self, host):
        """``object.__setattr__``/``__delattr__`` (bound or not) with the guest's write rules."""
        check_write = self._check_write
        if type(host) is types.MethodWrapperType:
            target = host.__self__

            def bound(name, *value):
                check_write(target, name)
                return host(name, *value)
            return bound

        def unbound(obj, name, *value):
            check_write(obj, name)
            return host(obj, name, *value)
        return unbound

    @staticmethod
    def _attr_error(obj, name, e):
        if isinstance(e, _AttributeError):
            return e
        msg = str(e)
        if "has no attribute" in msg or not msg:
            return _no_attr(obj, name)
        return _AttributeError(msg)

    def attr_getter(self, name: str):
        """A getter for a name known at decode time: direct for the guest's own objects and
        host values, through the policy for everything else."""
        slow = self.getattr
        if name[:1] == "_" or name in DENIED_NAMES or name in _FORMAT_NAMES:
            return lambda obj: slow(obj, name)
        direct = DIRECT_TYPES
        err = self._attr_error

        def get(obj):
            if type(obj) in direct:
                try:
                    return getattr(obj, name)
                except AttributeError as e:
                    raise err(obj, name, e) from None
            return slow(obj, name)
        return get

    def setattr(self, obj, name: str, value) -> None:
        if name == "__traceback__" and isinstance(obj, BaseException) and value is None:
            if getattr(obj, "_jitvm_tb", None):  # MicroPython clears the traceback this way
                obj._jitvm_tb = []  # (its asyncio does): the next raise starts a new one
            return
        if not (type(obj) in DIRECT_TYPES and type(name) is str and name[:1] != "_"
                and name not in DENIED_NAMES):  # else _check_write allows it (as attr_setter)
            self._check_write(obj, name)
        try:
            setattr(obj, name, value)
        except AttributeError as e:
            raise self._attr_error(obj, name, e) from None
        except TypeError as e:
            raise GUEST_EXC["TypeError"](str(e)) from None

    @staticmethod
    def _check_write(obj, name: str) -> None:
        if type(name) is not str:
            raise GUEST_EXC["TypeError"]("attribute name must be a string")
        if name[:6] == "_jitvm":
            raise _no_attr(obj, name)
        p = policy(_key(obj))
        if p is OPEN:  # the guest's own namespace: anything but its type and layout
            if name in ("__class__", "__bases__", "__dict__", "__mro__", "__weakref__"):
                raise _no_attr(obj, name)
            return
        if isinstance(obj, type):  # host classes are shared by every VM: read-only
            raise _no_attr(obj, name)
        if p is VALUE:
            if name[:1] == "_" or name in DENIED_NAMES:
                raise _no_attr(obj, name)
            return
        if name in p.settable:
            return
        if p.instance_dict and name[:1] != "_" and name not in p.names \
                and not hasattr(type(obj), name):
            return
        if name in p.names and isinstance(getattr(type(obj), name, None), property):
            return  # a hardware object's property setter (pin.value = 1)
        raise _no_attr(obj, name)

    def attr_setter(self, name: str):
        slow = self.setattr
        if name[:1] == "_" or name in DENIED_NAMES:
            return lambda obj, value: slow(obj, name, value)
        direct = DIRECT_TYPES
        err = self._attr_error

        def set_(obj, value):
            if type(obj) in direct:
                try:
                    setattr(obj, name, value)
                except AttributeError as e:
                    raise err(obj, name, e) from None
                except TypeError as e:
                    raise GUEST_EXC["TypeError"](str(e)) from None
                return
            slow(obj, name, value)
        return set_

    def special_method(self, obj, name: str):
        """A special method the VM itself looks up (``__enter__``, ``__exit__``, ...)."""
        try:
            return getattr(obj, name)
        except AttributeError:
            raise self._attr_error(obj, name, AttributeError()) from None

    def delattr(self, obj, name: str) -> None:
        self._check_write(obj, name)
        try:
            delattr(obj, name)
        except AttributeError as e:
            raise self._attr_error(obj, name, e) from None

    def dir(self, obj) -> list:
        names = []
        for n in dir(obj):
            if allowed(obj, n):
                names.append(n)
        d = getattr(obj, "__dict__", None) if policy(_key(obj)) is not VALUE else None
        if isinstance(d, dict):
            names.extend(k for k in d if isinstance(k, str) and k not in names and allowed(obj, k))
        return names


# ---- jitvm's own guest-visible types (names as MicroPython shows them) ------------------------
# the metaclass itself (not the classes it makes): read-only, a few names
_POLICY[GuestType] = Allow({"__name__", "__qualname__", "__module__", "mro", "__call__",
                            "__init__", "__new__", "__repr__"})
DIRECT_TYPES[GuestType] = True  # `A.name` on a guest class A: A's own policy is OPEN
register(GuestModule, OPEN)
register(BuiltinModule, OPEN)
register(Function, Allow({"__name__", "__globals__"}, instance_dict=True))
_GENERATOR_NAMES = {"__next__", "__iter__", "__await__", "send", "throw", "close", "pend_throw"}
register(Generator, Allow(_GENERATOR_NAMES))
register(TranslatedGenerator, Allow(_GENERATOR_NAMES))
register(Cell, Allow(()))
for _t in (types.MethodType, types.BuiltinFunctionType, types.FunctionType,
           types.MethodWrapperType, types.WrapperDescriptorType, types.MethodDescriptorType,
           types.ClassMethodDescriptorType, types.GetSetDescriptorType, types.MemberDescriptorType):
    register(_t, Allow({"__name__", "__call__", "__get__", "__qualname__", "__module__"}))


def _register_streams() -> None:
    import io

    from . import gexc

    for t in (gexc._GuestExceptionRepr, gexc._GuestOSErrorStr):  # mixins of guest exceptions
        register(t, VALUE)

    from .builtins_ import CodeObject
    from .vmmods import _Namespace

    register(CodeObject, Allow(()))  # compile()'s result: opaque, as MicroPython's code objects
    from .execute import GuestTraceback

    register(GuestTraceback, Allow(()))  # CircuitPython's exc.__traceback__: opaque

    register(_Namespace, Allow((), instance_dict=True))
    from .streams import GUEST_STREAM_TYPES

    for t, names in GUEST_STREAM_TYPES.items():
        register(t, Allow(names))
    register(io.StringIO, VALUE)
    register(io.BytesIO, VALUE)
    import array

    register(array.array, VALUE)  # the storage base of jitvm's guest array (its methods hidden
    # there by __guest_names__); a guest subclass of that array is the guest's own class


_register_streams()
