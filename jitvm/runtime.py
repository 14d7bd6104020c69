"""The runtime helpers every tier calls: the semantics of an opcode beyond moving values.

As MicroPython's ``runtime.c`` sits under both its bytecode VM and its native emitter, this
module sits under the frame interpreter (``jitvm.ops``/``ops_flow``), the Python
translation (``jitvm.translate``) and tier 1's slow paths (``jitvm.jit``). Each opcode's
entry in ``jitvm.opdefs`` names the helper it uses; an error text or corner case lives here
once. Helpers take plain values (no frames), so generated code can call them directly.
"""

from __future__ import annotations

from .errtext import binary_op_error, refine, subscript_error  # noqa: F401  (re-exported)
from .gexc import GUEST_EXC
from .objects import NULL, Function, guest_method  # noqa: F401  (guest_method: LOAD_METHOD)

_TypeError = GUEST_EXC["TypeError"]
_NameError = GUEST_EXC["NameError"]
_ValueError = GUEST_EXC["ValueError"]
_RuntimeError = GUEST_EXC["RuntimeError"]


# ---- names ------------------------------------------------------------------------------

def local_error():
    return _NameError("local variable referenced before assignment")


def name_error(name: str):
    return _NameError(f"name '{name}' isn't defined")


def load_name(name: str, L, G: dict, B: dict):
    """LOAD_NAME: the frame's locals dict (class bodies), then globals, then builtins."""
    if L is not None and name in L:
        return L[name]
    return load_global(name, G, B)


def load_global(name: str, G: dict, B: dict):
    """LOAD_GLOBAL: the function's globals, then builtins."""
    v = G.get(name, NULL)
    if v is NULL:
        v = B.get(name, NULL)
        if v is NULL:
            raise name_error(name)
    return v


def delete_name(d: dict, name: str) -> None:
    """DELETE_NAME / DELETE_GLOBAL: MicroPython deletes from the dict, so a missing name is
    the dict's KeyError (not CPython's NameError)."""
    try:
        del d[name]
    except KeyError:
        raise GUEST_EXC["KeyError"](name) from None


# ---- sequences --------------------------------------------------------------------------

def unpack(seq, n: int):
    """UNPACK_SEQUENCE: the items of ``seq`` (exactly ``n``), first item first."""
    items = seq if type(seq) in (list, tuple) else list(seq)
    if len(items) != n:
        if len(items) > n:
            raise _ValueError(f"too many values to unpack (expected {n})")
        raise _ValueError(f"need more than {len(items)} values to unpack")
    return items


def unpack_ex(seq, n_before: int, n_after: int) -> list:
    """UNPACK_EX: ``n_before`` items, the list of the middle, ``n_after`` items - in the
    order they are pushed (the last item deepest, so the first one ends on top)."""
    items = list(seq)
    if len(items) < n_before + n_after:
        raise _ValueError(f"need more than {len(items)} values to unpack")
    after = items[len(items) - n_after:] if n_after else []
    out = after[::-1]
    out.append(items[n_before:len(items) - n_after])
    out.extend(reversed(items[:n_before]))
    return out


# ---- calls ------------------------------------------------------------------------------

def call(fn, args: tuple, kwargs):
    """Call any callable; guest functions go through their code's call slot."""
    if type(fn) is Function:
        return fn.code.invoke(fn, args, kwargs)
    if fn is type and len(args) == 3 and not kwargs:
        return new_type(*args)
    if kwargs:
        return fn(*args, **kwargs)
    return fn(*args)


def _type_maker():
    """``type(name, bases, dict)`` run from a namespace with no ``__name__``: the class gets no
    ``__module__`` (MicroPython's have none), as when translated code calls type()."""
    ns: dict = {"__builtins__": {"type": type}}
    exec("def make(name, bases, d):\n    return type(name, bases, d)\n", ns)
    return ns["make"]


_make_type = _type_maker()


def new_type(name, bases, d):
    """The guest's type(name, bases, dict): its bases checked as a class statement's are."""
    if isinstance(bases, tuple):
        from .sandbox import check_bases

        check_bases(bases)
    return _make_type(name, bases, d)


def kw_dict(flat) -> dict:
    """Keyword arguments from a flat (key, value, key, value...) sequence."""
    return {flat[j]: flat[j + 1] for j in range(0, len(flat), 2)}


def var_kw_args(items, n_pos: int, n_kw: int, star):
    """CALL_*_VAR_KW: positional args (``star``'s bits mark the ``*iterable`` ones) then
    (key, value) pairs (a NULL key marks a ``**mapping``); returns (args list, kwargs).

    A version-5 .mpy's call (``mpy.older``) has ``star`` = (sequence, mapping), either NULL:
    its ``f(a, *s, k=v, **m)`` passed them after the pairs."""
    if type(star) is tuple:
        seq, mapping = star
        items = list(items)
        bits = 0
        if seq is not NULL:
            items.insert(n_pos, seq)
            bits = 1 << n_pos
            n_pos += 1
        if mapping is not NULL:
            items += [NULL, mapping]
            n_kw += 1
        star = bits
    args: list = []
    for j in range(n_pos):
        if star >> j & 1:
            args.extend(items[j])
        else:
            args.append(items[j])
    kw: dict = {}
    for j in range(n_pos, n_pos + 2 * n_kw, 2):
        k, v = items[j], items[j + 1]
        if k is NULL:  # MicroPython looks the mapping's keys() method up
            keys = getattr(v, "keys", None) if type(v) is not dict else v.keys
            if keys is None:
                raise GUEST_EXC["AttributeError"](
                    f"'{type(v).__name__}' object has no attribute 'keys'")
            for kk in keys():
                if not isinstance(kk, str):  # MicroPython makes each key a qstr here
                    raise GUEST_EXC["TypeError"](
                        f"can't convert '{type(kk).__name__}' object to str implicitly")
                if kk in kw:
                    raise _multiple(kk)
                kw[kk] = v[kk]
        else:
            if k in kw:
                raise _multiple(k)
            kw[k] = v
    return args, kw


def _multiple(name: str):
    return GUEST_EXC["TypeError"](f"function got multiple values for argument '{name}'")


def new_instance(cls, args: tuple):
    """cls(*args) for a guest class whose __init__ is a guest function and __new__ is object's:
    skips the host's type-call and method-binding layers."""
    init = None
    for k in cls.__mro__:
        d = k.__dict__
        if "__new__" in d and k is not object:
            return cls(*args)
        if init is None and "__init__" in d:
            init = d["__init__"]
    if type(init) is not Function:
        return cls(*args)
    obj = object.__new__(cls)
    c = init.code
    if not init.closed and c.direct_n == len(args) + 1:  # the translated __init__'s call slot
        r = c.direct(init.globals, obj, *args)
    else:
        r = c.invoke(init, (obj, *args), None)
    if r is not None:
        raise _TypeError("__init__() should return None")
    return obj


# ---- raising ----------------------------------------------------------------------------

def raise_obj(o):
    """The exception ``raise o`` raises (a class is instantiated)."""
    if isinstance(o, type) and issubclass(o, BaseException):
        return o()
    if isinstance(o, BaseException):
        return o
    return _TypeError("exceptions must derive from BaseException")


def chain_context(e, handled) -> None:
    """CircuitPython's implicit chaining: an exception raised while ``handled`` was being
    handled gets it as ``__context__`` (MicroPython keeps no chain)."""
    if handled is None or handled is e or not isinstance(e, BaseException):
        return
    from .modules import _hw

    if _hw.flavor() == "circuitpython" and e.__context__ is None:
        e.__context__ = handled
        if not getattr(e, "_jitvm_from", False):  # only `raise ... from` suppresses it
            e.__suppress_context__ = False


def raise_from(exc, cause, vm=None):
    """RAISE_FROM: MicroPython has no exception chaining: it warns (unless the cause is
    None) and raises ``exc``; CircuitPython chains (MICROPY_CPYTHON_EXCEPTION_CHAIN)."""
    if vm is not None and vm.flavour == "circuitpython":
        e = raise_obj(exc)
        if isinstance(e, BaseException):
            e.__cause__ = raise_obj(cause) if cause is not None else None  # also suppresses
            try:
                e._jitvm_from = True
            except AttributeError:
                pass
        return e
    if vm is not None and cause is not None:
        vm.warn("exception chaining not supported")
    return raise_obj(exc)


def no_reraise():
    return _RuntimeError("no active exception to reraise")


# ---- imports ----------------------------------------------------------------------------

def import_name(vm, name: str, G: dict, fromlist, level):
    """IMPORT_NAME: jitvm's importer, or the guest's own ``__import__`` when it set one."""
    default = vm.default_import
    imp = vm.builtins.get("__import__", default)
    if imp is default:
        return vm.importer.import_name(name, fromlist, level, G)
    return imp(name, G, None, fromlist, level)


# ---- unwinding --------------------------------------------------------------------------

class Unwind:
    """What a finally handler runs for besides an exception: a return (``value`` -1,
    ``payload`` the result) or a break/continue (``value`` = blocks still to leave,
    ``payload`` the jump target). The frame interpreter keeps its payload on the value
    stack below the marker (MicroPython's layout); the translation keeps it here."""

    __slots__ = ("value", "payload")

    def __init__(self, value: int, payload=None) -> None:
        self.value = value
        self.payload = payload


def get_iter(o, vm):
    """GET_ITER (what ``yield from`` and ``await`` iterate). Under CircuitPython, whose
    compiler makes ``await x`` call ``x.__await__()``, an object that is not iterable but has
    ``__await__`` is awaited through it, so MicroPython-compiled code awaits as there."""
    try:
        return iter(o)
    except TypeError:
        if vm.flavour == "circuitpython":
            aw = getattr(type(o), "__await__", None)
            if aw is not None:
                return iter(aw(o))
        raise


def truncated_store(o, i, v) -> bool:
    """``o[i] = v`` that the host refused with ValueError, done as MicroPython stores an int
    into a bytearray or a byte memoryview (``mp_obj_get_int_truncated``: 300 is 44, -1 is
    255); False when that is not the case (the ValueError stands)."""
    if type(v) is not int:
        return False
    if type(o) is bytearray or (type(o) is memoryview and o.format == "B" and not o.readonly):
        o[i] = v & 0xFF
        return True
    return False
