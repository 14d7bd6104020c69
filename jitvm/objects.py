"""Guest object types that are jitvm's own: functions, cells, generators, modules, classes."""

from __future__ import annotations

import builtins as _host

from .gexc import GUEST_EXC, GeneratorExit_, StopIteration_

NULL = object()  # an unbound local / the MicroPython MP_OBJ_NULL marker


class Cell:
    """A closed-over variable."""

    __slots__ = ("value",)

    def __init__(self, value=NULL) -> None:
        self.value = value

    def __repr__(self) -> str:
        return f"<cell {self.value!r}>"


class GuestType(type):
    """Metaclass of guest classes: MicroPython prints them as <class 'Name'>."""

    def __new__(mcls, name, bases, ns, **kw):
        from .sandbox import check_bases  # every way of making a class checks its bases

        check_bases(bases)
        return super().__new__(mcls, name, bases, ns, **kw)

    def __repr__(cls) -> str:
        return f"<class '{cls.__name__}'>"

    def mro(cls):
        """MicroPython looks attributes up depth first, left to right (not C3): with multiple
        inheritance super() then reaches one parent, as MicroPython's does."""
        default = type.mro(cls)
        if len(cls.__bases__) < 2:
            return default
        order: list = []

        def visit(c) -> None:
            if c in order or c is object or c is GuestObject:
                return
            if type(c) is not GuestType:  # a host class keeps its own linearisation
                for m in c.__mro__:
                    if m is not object and m not in order:
                        order.append(m)
                return
            order.append(c)
            for b in c.__bases__:
                visit(b)

        visit(cls)
        tail = [m for m in default if m not in order]
        return order + tail


GuestType.__name__ = GuestType.__qualname__ = "type"  # type(A) prints as <class 'type'>
GuestType.__module__ = "builtins"


class GuestObject:
    """Implicit base of guest classes that name no base: MicroPython's default repr."""

    __slots__ = ("__dict__", "__weakref__")

    def __init__(self, *args, **kwargs) -> None:  # MicroPython's object() ignores arguments
        pass

    def __repr__(self) -> str:
        return f"<{type(self).__name__} object at {id(self):x}>"


GuestObject.__name__ = GuestObject.__qualname__ = "object"  # A.__bases__ shows (object,)
GuestObject.__module__ = "builtins"
for _m in ("__init__", "__repr__"):
    getattr(GuestObject, _m).__qualname__ = "object." + _m


CODE_TYPES: tuple = ()  # jitvm.interp's Code and MachineCode (set there): what a function runs


# [host-initiated guest calls now nested, their limit] (the VM sets the limit from its
# recursion limit: a quarter of it, which keeps the host's own limit out of reach)
HOST_CALLS = [0, 500]


class Function:
    """A guest function: code plus globals, defaults and closed-over cells."""

    __slots__ = ("code", "globals", "defaults", "kwdefaults", "closed", "__name__", "__dict__",
                 "calls", "vm", "binder")

    def __init__(self, code, globals_: dict, defaults=None, kwdefaults=None, closed=()) -> None:
        if type(code) not in CODE_TYPES or not isinstance(globals_, dict):
            raise GUEST_EXC["TypeError"]("cannot create 'function' instances")
        self.code = code
        self.globals = globals_
        self.defaults = defaults if type(defaults) is tuple else ()
        self.kwdefaults = kwdefaults if type(kwdefaults) is dict else None
        self.closed = closed
        self.__name__ = code.name
        self.calls = 0
        self.binder = None  # host-side argument binding (jitvm.binder), made on first use

    def __call__(self, *args, **kwargs):
        # called by the host (operators, repr(), sorted(key=...), map...): the host may swallow
        # a RecursionError raised between it and us (CPython's slot lookups fall back to a
        # default repr when __get__ fails), so such calls nest only so deep, with the guest's
        # error raised here, in the guest's code
        d = HOST_CALLS[0]
        if d >= HOST_CALLS[1]:
            raise GUEST_EXC["RuntimeError"]("maximum recursion depth exceeded")
        HOST_CALLS[0] = d + 1
        try:
            c = self.code
            if not kwargs and not self.closed and c.direct_n == len(args):
                return c.direct(self.globals, *args)  # the call slot
            return c.invoke(self, args, kwargs)
        finally:
            HOST_CALLS[0] -= 1

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return _MethodType(self, obj)

    @property
    def __globals__(self) -> dict:  # a guest function's module namespace (a guest dict)
        return self.globals

    def __repr__(self) -> str:
        if self.code.is_generator:
            return f"<generator object '{self.code.name}' at 0x{id(self):x}>".replace(
                "generator object", "function")
        return f"<function {self.code.name} at 0x{id(self):x}>"


Function.__name__ = Function.__qualname__ = "function"
Function.__module__ = "builtins"
_MethodType = type(Cell().__repr__)  # types.MethodType without importing types


FRAME_TYPE: list = [None]  # jitvm.interp.Frame (set there)


def _host_gen():
    yield


_HostGenerator = type(_host_gen())


def _as_exception(exc):
    """A pending exception as raise would make it: a class is instantiated."""
    return exc() if isinstance(exc, type) else exc


class Generator:
    """A guest generator (also what `async def` returns, as in MicroPython)."""

    __slots__ = ("frame", "running", "started", "finished", "pending", "__weakref__")

    def __init__(self, frame) -> None:
        if type(frame) is not FRAME_TYPE[0]:
            raise GUEST_EXC["TypeError"]("cannot create 'generator' instances")
        self.frame = frame
        self.running = False
        self.started = False
        self.finished = False
        self.pending = None  # pend_throw's exception, thrown in at the next resume

    def pend_throw(self, exc):
        """MicroPython's generator.pend_throw: throw ``exc`` in when the generator next resumes
        (None cancels); returns the exception pending before."""
        if self.running:
            raise GUEST_EXC["ValueError"]("generator already executing")
        prev, self.pending = self.pending, exc
        return prev

    def __await__(self):  # CircuitPython's `await x` calls x.__await__() (jitvm.sandbox)
        return self

    def __iter__(self):
        return self

    def __next__(self):
        return self.resume(None, None)

    def send(self, value):
        return self.resume(value, None)

    def throw(self, typ, val=None, tb=None):
        if isinstance(typ, type):
            exc = typ() if val is None else (val if isinstance(val, typ) else typ(val))
        else:
            exc = typ
        return self.resume(None, exc)

    def close(self):
        if self.finished or not self.started:
            self.finished = True
            return None
        try:
            self.resume(None, GeneratorExit_())
        except (GeneratorExit, StopIteration):
            return None
        raise GUEST_EXC["RuntimeError"]("generator ignored GeneratorExit")

    def resume(self, value, exc):
        if self.pending is not None and not self.running:
            exc, self.pending = (exc if exc is not None else _as_exception(self.pending)), None
        if self.finished:
            if exc is not None:
                raise exc
            raise StopIteration_()
        if self.running:
            raise GUEST_EXC["ValueError"]("generator already executing")
        if not self.started:
            if value is not None and exc is None:
                raise GUEST_EXC["TypeError"]("can't send non-None value to a just-started generator")
            self.started = True
        else:
            self.frame.stack.append(value)  # the value of the yield (a placeholder when throwing)
        self.running = True
        try:
            return self.frame.code.resume(self, exc)
        finally:
            self.running = False

    def __repr__(self) -> str:
        return f"<generator object '{self.frame.code.name}' at 0x{id(self):x}>"


Generator.__name__ = "generator"
Generator.__qualname__ = "generator"


class TranslatedGenerator:
    """A guest generator whose function was translated (jitvm.translate): a host generator."""

    __slots__ = ("pg", "name", "pending", "__weakref__")

    def __init__(self, pg, name: str) -> None:
        if type(pg) is not _HostGenerator:
            raise GUEST_EXC["TypeError"]("cannot create 'generator' instances")
        self.pg = pg
        self.name = name
        self.pending = None

    def __await__(self):
        return self

    def __iter__(self):
        return self

    def __next__(self):
        if self.pending is not None:
            return self._throw_pending()
        return self.pg.send(None)

    def send(self, value):
        if self.pending is not None:
            return self._throw_pending()
        return self.pg.send(value)

    def pend_throw(self, exc):
        """As Generator.pend_throw."""
        if self.pg.gi_running:
            raise GUEST_EXC["ValueError"]("generator already executing")
        prev, self.pending = self.pending, exc
        return prev

    def _throw_pending(self):
        if self.pg.gi_running:
            raise GUEST_EXC["ValueError"]("generator already executing")
        exc, self.pending = _as_exception(self.pending), None
        return self.pg.throw(exc)

    def throw(self, typ, val=None, tb=None):
        if isinstance(typ, type) and val is None:
            return self.pg.throw(typ)  # a class goes in as it is: a delegate's throw() sees it
        if isinstance(typ, type):
            exc = val if isinstance(val, typ) else typ(val)
        else:
            exc = typ
        return self.pg.throw(exc)

    def close(self):
        return self.pg.close()

    def __repr__(self) -> str:
        return f"<generator object '{self.name}' at 0x{id(self):x}>"


TranslatedGenerator.__name__ = "generator"
TranslatedGenerator.__qualname__ = "generator"


class GuestModule:
    """A guest module: a name and a globals dict."""

    __slots__ = ("__dict__",)

    def __init__(self, name: str, namespace: dict | None = None) -> None:
        d = namespace if namespace is not None else {}
        d.setdefault("__name__", name)
        object.__setattr__(self, "__dict__", d)

    def __repr__(self) -> str:
        d = self.__dict__
        file = d.get("__file__")
        if isinstance(file, str) and d.get("__name__") != "__main__":
            return f"<module '{d.get('__name__')}' from '{file}'>"
        return f"<module '{d.get('__name__')}'>"

    def __getattr__(self, name: str):
        """A name the module lacks: its own ``__getattr__`` (PEP 562, MicroPython's
        MICROPY_MODULE_GETATTR) when it defines one, for public and dunder names alike."""
        d = object.__getattribute__(self, "__dict__")
        hook = d.get("__getattr__")
        if hook is not None and name[:6] != "_jitvm" and type(hook) is Function:
            return hook(name)
        raise AttributeError(f"'module' object has no attribute '{name}'")


GuestModule.__name__ = GuestModule.__qualname__ = "module"
GuestModule.__module__ = "builtins"  # type(m) prints as <class 'module'>


class BuiltinModule(GuestModule):
    """A module of the firmware (sys, math, time, machine...): read-only, as MicroPython's
    C modules are, but for the names sys delegates (ps1, ps2, tracebacklimit)."""

    __slots__ = ()
    WRITABLE = {"sys": frozenset(("ps1", "ps2", "tracebacklimit", "path"))}

    def __init__(self, name: str, namespace: dict | None = None) -> None:
        super().__init__(name, namespace)
        from .sandbox import present_as_firmware

        present_as_firmware(object.__getattribute__(self, "__dict__"))

    def __setattr__(self, name: str, value) -> None:
        d = object.__getattribute__(self, "__dict__")
        if name in self.WRITABLE.get(d.get("__name__"), ()):
            d[name] = value
            if name == "tracebacklimit":
                from .execute import TRACEBACK_LIMIT

                TRACEBACK_LIMIT[0] = value
            return
        from .gexc import GUEST_EXC

        raise GUEST_EXC["AttributeError"](f"'module' object has no attribute '{name}'")

    def __delattr__(self, name: str) -> None:
        d = object.__getattribute__(self, "__dict__")
        if name in self.WRITABLE.get(d.get("__name__"), ()) and name in d:
            del d[name]
            if name == "tracebacklimit":
                from .execute import TRACEBACK_LIMIT

                TRACEBACK_LIMIT[0] = None
            return
        from .gexc import GUEST_EXC

        raise GUEST_EXC["AttributeError"](f"'module' object has no attribute '{name}'")


BuiltinModule.__name__ = BuiltinModule.__qualname__ = "module"
BuiltinModule.__module__ = "builtins"


def guest_method(obj, name: str):
    """The plain guest function ``name`` on obj's class, for a method call; else None.

    Looks in the class dictionaries (no descriptor unwrapping, so a staticmethod or
    classmethod is not mistaken for a method) and lets an instance attribute win.
    """
    cls = type(obj)
    if type(cls) is not GuestType:
        return None
    for k in cls.__mro__:
        d = k.__dict__
        if name in d:
            m = d[name]
            if type(m) is Function:
                inst = getattr(obj, "__dict__", None)
                if inst is None or name not in inst:
                    return m
            return None
    return None


def build_class(body: Function, name: str, *bases, metaclass=None, **kw):
    """__build_class__: run the class body on a fresh namespace and create the class."""
    ns: dict = {}
    cell = body.code.run_class_body(body, ns)
    if not bases:
        bases = (GuestObject,)
    bases = tuple(GuestObject if b is _host.object else b for b in bases)
    from .sandbox import check_bases

    check_bases(bases)
    meta = metaclass
    if meta is None:
        meta = GuestType
        for b in bases:
            mt = type(b)
            if mt is not type and mt is not GuestType and issubclass(mt, type):
                meta = mt
    ns.setdefault("__qualname__", name)
    ns.pop("__slots__", None)
    if type(ns.get("__new__")) is Function:  # CPython makes a plain-function __new__ static
        ns["__new__"] = staticmethod(ns["__new__"])
    ns.pop("__del__", None)  # MicroPython does not finalise instances of user classes
    if "__init_subclass__" in ns:  # kept for explicit calls; MicroPython never calls it itself
        ns["_jitvm_init_subclass__"] = ns.pop("__init_subclass__")
    try:
        cls = meta(name, bases, ns, **kw)
    except TypeError as e:
        if "consistent method resolution" in str(e) or "layout" in str(e):
            raise GUEST_EXC["TypeError"]("multiple bases have instance lay-out conflict") from None
        raise
    if isinstance(cell, Cell):
        cell.value = cls
    return cls

# MicroPython prints these types without a module: <class 'generator'>, <class 'module'>
for _t in (Generator, TranslatedGenerator, GuestModule, Cell):
    _t.__module__ = "builtins"
Cell.__name__ = Cell.__qualname__ = "cell"
