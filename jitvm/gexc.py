"""Guest exception classes and the translation of host exceptions into MicroPython's.

Each guest exception class subclasses the host builtin of the same name, so host code
that catches e.g. StopIteration or KeyError keeps working, while the guest sees
MicroPython's repr (``ValueError('x',)``) and MicroPython's error texts.
"""

from __future__ import annotations

import builtins
import re

# (name, parent name) in MicroPython's hierarchy; the host class of the same name is mixed in.
_HIERARCHY = (
    ("BaseException", None),
    ("SystemExit", "BaseException"),
    ("KeyboardInterrupt", "BaseException"),
    ("GeneratorExit", "BaseException"),
    ("Exception", "BaseException"),
    ("StopIteration", "Exception"),
    ("StopAsyncIteration", "Exception"),
    ("ArithmeticError", "Exception"),
    ("OverflowError", "ArithmeticError"),
    ("ZeroDivisionError", "ArithmeticError"),
    ("AssertionError", "Exception"),
    ("AttributeError", "Exception"),
    ("EOFError", "Exception"),
    ("ImportError", "Exception"),
    ("LookupError", "Exception"),
    ("IndexError", "LookupError"),
    ("KeyError", "LookupError"),
    ("MemoryError", "Exception"),
    ("NameError", "Exception"),
    ("OSError", "Exception"),
    ("RuntimeError", "Exception"),
    ("NotImplementedError", "RuntimeError"),
    ("SyntaxError", "Exception"),
    ("IndentationError", "SyntaxError"),
    ("TypeError", "Exception"),
    ("ValueError", "Exception"),
    ("UnicodeError", "ValueError"),
)


class _GuestExceptionRepr:
    """MicroPython prints an exception as its name followed by the repr of its args tuple."""

    def __repr__(self) -> str:
        return type(self).__name__ + repr(self.args)

    def __str__(self) -> str:
        a = self.args
        if not a:
            return ""
        if len(a) == 1:
            return str(a[0])
        return str(a)


class _GuestOSErrorStr:
    """MicroPython prints OSError(2) as "[Errno 2] ENOENT"."""

    def __str__(self) -> str:
        a = self.args
        if 1 <= len(a) <= 2 and isinstance(a[0], int) and not isinstance(a[0], bool):
            import errno as _errno

            name = _errno.errorcode.get(a[0])
            from .modules import _hw

            if _hw.flavor() == "circuitpython":  # its mp_common_errno_to_str: common ones in words
                name = _CP_ERRNO_TEXT.get(name, name)
            if name:  # MicroPython's mp_obj_exception_print for an OSError with a known errno
                return f"[Errno {a[0]}] {name}" + (f": {a[1]}" if len(a) == 2 else "")
        return _GuestExceptionRepr.__str__(self)


_CP_ERRNO_TEXT = {"EPERM": "Operation not permitted", "ENOENT": "No such file/directory",
                  "EIO": "Input/output error", "EACCES": "Permission denied",
                  "EEXIST": "File exists", "ENODEV": "No such device",
                  "EINVAL": "Invalid argument", "ENOSPC": "No space left on device",
                  "EROFS": "Read-only filesystem"}


def _os_error_init(self, *args) -> None:
    """CPython's OSError keeps a third argument as ``filename``, out of ``args``; MicroPython's
    keeps every argument."""
    BaseException.__init__(self, *args)
    self.args = args


def _make_classes() -> dict[str, type]:
    out: dict[str, type] = {}
    for name, parent in _HIERARCHY:
        host = getattr(builtins, name)
        if parent is None:
            bases: tuple[type, ...] = (_GuestExceptionRepr, host)
        else:
            bases = (out[parent], host)
        ns: dict = {"__module__": "builtins", "__qualname__": name}
        if name == "OSError":
            ns["__str__"] = _GuestOSErrorStr.__str__
            ns["__init__"] = _os_error_init
            ns["errno"] = property(
                lambda self: self.args[0] if self.args and isinstance(self.args[0], int) else None)
        cls = type(name, bases, ns)
        out[name] = cls
    # MicroPython's OSError str: "[Errno 2] ENOENT" handled by the errno module's names
    return out


GUEST_EXC: dict[str, type] = _make_classes()
BaseException_ = GUEST_EXC["BaseException"]
StopIteration_ = GUEST_EXC["StopIteration"]
GeneratorExit_ = GUEST_EXC["GeneratorExit"]
SystemExit_ = GUEST_EXC["SystemExit"]

# host exception class -> guest class, most specific first
_HOST_TO_GUEST: dict[type, type] = {getattr(builtins, n): c for n, c in GUEST_EXC.items()}
_HOST_TO_GUEST[RecursionError] = GUEST_EXC["RuntimeError"]
_HOST_TO_GUEST[UnicodeDecodeError] = GUEST_EXC["UnicodeError"]
_HOST_TO_GUEST[UnicodeEncodeError] = GUEST_EXC["UnicodeError"]
_HOST_TO_GUEST[FileNotFoundError] = GUEST_EXC["OSError"]
_HOST_TO_GUEST[PermissionError] = GUEST_EXC["OSError"]
_HOST_TO_GUEST[FileExistsError] = GUEST_EXC["OSError"]
_HOST_TO_GUEST[IsADirectoryError] = GUEST_EXC["OSError"]
_HOST_TO_GUEST[NotADirectoryError] = GUEST_EXC["OSError"]
_HOST_TO_GUEST[ModuleNotFoundError] = GUEST_EXC["ImportError"]
_HOST_TO_GUEST[UnboundLocalError] = GUEST_EXC["NameError"]
_HOST_TO_GUEST[FloatingPointError] = GUEST_EXC["ArithmeticError"]
_HOST_TO_GUEST[LookupError] = GUEST_EXC["LookupError"]
# CircuitPython's builtins has these too (MicroPython's does not): jitvm.vm.VM.flavour
CIRCUITPYTHON_EXC: dict[str, type] = {}
for _name, _parent in (("ConnectionError", "OSError"), ("BrokenPipeError", "ConnectionError"),
                       ("TimeoutError", "OSError"), ("Warning", "Exception"),
                       ("FutureWarning", "Warning")):
    _base = CIRCUITPYTHON_EXC.get(_parent) or GUEST_EXC[_parent]
    CIRCUITPYTHON_EXC[_name] = type(_name, (_base, getattr(builtins, _name)),
                                    {"__module__": "builtins", "__qualname__": _name})
GUEST_EXC["ViperTypeError"] = type("ViperTypeError", (GUEST_EXC["TypeError"],),
                                   {"__module__": "builtins", "__qualname__": "ViperTypeError"})

_OPS = {"+": "__add__", "-": "__sub__", "*": "__mul__", "/": "__truediv__", "//": "__floordiv__",
        "%": "__mod__", "**": "__pow__", "<<": "__lshift__", ">>": "__rshift__", "&": "__and__",
        "|": "__or__", "^": "__xor__", "@": "__matmul__", "+=": "__iadd__", "-=": "__isub__",
        "*=": "__imul__", "/=": "__itruediv__", "//=": "__ifloordiv__", "%=": "__imod__",
        "**=": "__ipow__", "<<=": "__ilshift__", ">>=": "__irshift__", "&=": "__iand__",
        "|=": "__ior__", "^=": "__ixor__", "<": "__lt__", ">": "__gt__", "<=": "__le__",
        ">=": "__ge__", "unary -": "__neg__", "unary +": "__pos__", "unary ~": "__invert__"}


def _int_echo(literal_repr: str) -> str:
    """MicroPython echoes the literal after leading blanks and one sign: int('--5') -> '-5'."""
    import ast

    try:
        text = ast.literal_eval(literal_repr)
    except (ValueError, SyntaxError):
        return literal_repr
    if not isinstance(text, str):
        return literal_repr
    text = text.lstrip()
    if text[:1] in ("+", "-"):
        text = text[1:]
    return repr(text)


def _binop(m: re.Match) -> str:
    op = m.group(1)
    return f"unsupported types for {_OPS.get(op, op)}: '{m.group(2)}', '{m.group(3)}'"


# (host message pattern, MicroPython text or function)
# (pattern text, replacement); compiled on the first host message a guest sees (start-up)
_MESSAGE_SOURCES: tuple[tuple[str, object], ...] = tuple((p, r) for p, r in (
    (r"^unsupported operand type\(s\) for (\S+): '([^']*)' and '([^']*)'$", _binop),
    (r"^'(<|>|<=|>=)' not supported between instances of '([^']*)' and '([^']*)'$", _binop),
    (r"^can only concatenate (\w+) \(not \"(\w+)\"\) to \w+$",
     lambda m: f"unsupported types for __add__: '{m.group(1)}', '{m.group(2)}'"),
    (r"^bad operand type for (unary [-+~]): '([^']*)'$",
     lambda m: f"unsupported type for {_OPS[m.group(1)]}: '{m.group(2)}'"),
    (r"^unhashable type: '([^']*)'$", lambda m: f"unsupported type for __hash__: '{m.group(1)}'"),
    (r"^'([^']*)' object is not callable$", lambda m: f"'{m.group(1)}' object isn't callable"),
    (r"^'([^']*)' object is not iterable$", lambda m: f"'{m.group(1)}' object isn't iterable"),
    (r"^'([^']*)' object is not subscriptable$", lambda m: f"'{m.group(1)}' object isn't subscriptable"),
    (r"^'([^']*)' object does not support item assignment$",
     lambda m: f"'{m.group(1)}' object doesn't support item assignment"),
    (r"^'([^']*)' object doesn't support item deletion$",
     lambda m: f"'{m.group(1)}' object doesn't support item deletion"),
    (r"^(division|float division|integer division or modulo|integer modulo|float modulo|"
     r"float floor division|float divmod\(\)) by zero$", "divide by zero"),
    (r"^division by zero$", "divide by zero"),
    (r"^0\.0 cannot be raised to a negative power$", "divide by zero"),
    (r"^invalid literal for int\(\) with base (\d+): (.*)$",
     lambda m: f"invalid syntax for integer with base {m.group(1)}: {_int_echo(m.group(2))}"),
    (r"^could not convert string to float: .*$", "invalid syntax for number"),
    (r"^(list|tuple|str|bytes|bytearray) indices must be integers or slices, not (\w+)$",
     lambda m: f"{m.group(1)} indices must be integers, not {m.group(2)}"),
    (r"^int\(\) argument must be a string, a bytes-like object or a (?:real )?number, not '(\w+)'$",
     lambda m: f"can't convert {m.group(1)} to int"),
    (r"^object of type '(\w+)' has no len\(\)$", None),
    (r"^list.remove\(x\): x not in list$", "object not in sequence"),
    (r"^(tuple|list).index\(x\): x not in (tuple|list)$", "object not in sequence"),
    (r"^'popitem\(\): dictionary is empty'$", "popitem(): dictionary is empty"),
    (r"^chr\(\) arg not in range\(0x110000\)$", None),
    (r"^maximum recursion depth exceeded.*$", "maximum recursion depth exceeded"),
    (r"^too many values to unpack \(expected (\d+)\)$", None),
    (r"^not enough values to unpack \(expected (\d+), got (\d+)\)$",
     lambda m: f"need more than {m.group(2)} values to unpack"),
    (r"^'(\w+)' object has no attribute '(\w+)'$", None),
    (r"^type object '(\w+)' has no attribute '(\w+)'$", None),
    (r"^math domain error$", None),
    (r"^pop from an empty deque$", "empty"),
    (r"^pop index out of range$", "list index out of range"),
    (r"^list assignment index out of range$", "list index out of range"),
    (r"^cannot convert float infinity to integer$", "can't convert inf to int"),
    (r"^cannot convert float NaN to integer$", "can't convert NaN to int"),
    (r"^(\w+)\(\) takes exactly one argument \((\d+) given\)$",
     lambda m: f"function takes 1 positional arguments but {m.group(2)} were given"),
    (r"^.* is not in list$", "object not in sequence"),
    (r"^'(\w+)' object cannot be interpreted as an integer$", lambda m: f"can't convert {m.group(1)} to int"),
    (r"^\w+\.\w+\(\) takes exactly one argument \((\d+) given\)$",
     lambda m: f"function takes 2 positional arguments but {int(m.group(1)) + 1} were given"),
    (r"^int\(\) base must be >= 2 and <= 36, or 0$", "int() arg 2 must be >= 2 and <= 36"),
    (r"^(max|min)\(\) arg is an empty sequence$", "arg is an empty sequence"),
    (r"^range\(\) arg 3 must not be zero$", "zero step"),
    (r"^float modulo$", "divide by zero"),
    (r"^float divmod\(\)$", "divide by zero"),
    (r"^integer division or modulo by zero$", "divide by zero"),
    (r"^bytes must be in range\(0, 256\)$", "bytes value out of range"),
    (r"^Replacement index \d+ out of range for positional args tuple$", "tuple index out of range"),
    (r"^%[a-zA-Z] format: an? (?:real number|integer) is required, not (\w+)$",
     lambda m: f"can't convert {m.group(1)} to int"),
    (r"^not enough arguments for format string$", "format string needs more arguments"),
    (r"^index out of range$", "bytes index out of range"),
    (r"^bad operand type for abs\(\): '(\w+)'$",
     lambda m: f"unsupported type for __abs__: '{m.group(1)}'"),
    (r"^complex\(\) arg is a malformed string$", "invalid syntax for number"),
    (r"^slice step cannot be zero$", "slice step can't be zero"),
    (r"^index out of bounds on dimension \d+$", "memoryview index out of range"),
    (r"^sequence item \d+: expected (?:str instance|a bytes-like object), \w+ found$",
     "join expects a list of str/bytes objects consistent with self object"),
    (r"^float\(\) argument must be a string or a (?:real )?number, not '(\w+)'$",
     lambda m: f"can't convert {m.group(1)} to float"),
))


_translated: dict[str, str] = {}


# CircuitPython words some errors its own way (its locale/circuitpython.pot)
_CIRCUITPYTHON_MESSAGES = (
    (re.compile(r"^slice step cannot be zero$"), "slice step cannot be zero"),  # objslice.c's
    (re.compile(r"^range\(\) arg 3 must not be zero$"), "range step cannot be zero"),
    (re.compile(r"^non-hexadecimal number found in fromhex\(\) arg at position \d+$"),
     "non-hex digit"),
    # mp_raise_ZeroDivisionError (py/runtime.c) says it CPython's way
    (re.compile(r"^(division|float division|integer division or modulo|integer modulo|"
                r"float modulo|float floor division|float divmod\(\)) by zero$|^float modulo$|"
                r"^float divmod\(\)$"), "division by zero"),
)


def translate_message(text: str) -> str:
    if "fromhex" in text or "zero" in text or text[:6] == "float ":  # CircuitPython's words
        from .modules import _hw

        if _hw.flavor() == "circuitpython":
            for pattern, repl in _CIRCUITPYTHON_MESSAGES:
                if pattern.match(text):
                    return repl
    done = _translated.get(text)
    if done is not None:
        return done
    out = _translate(text)
    if len(_translated) < 4096:
        _translated[text] = out
    return out


_MESSAGES: tuple | None = None


def _translate(text: str) -> str:
    global _MESSAGES
    if _MESSAGES is None:  # built whole, then published: threads may race, harmlessly
        _MESSAGES = tuple((re.compile(p), r) for p, r in _MESSAGE_SOURCES)
    for pattern, repl in _MESSAGES:
        m = pattern.match(text)
        if m:
            if repl is None:
                return text
            return repl if isinstance(repl, str) else repl(m)
    return text


def guestify(exc: BaseException) -> BaseException:
    """The guest form of ``exc``: guest exceptions pass through; host ones are converted."""
    cls = type(exc)
    if cls.__module__ == "hal.api" and cls.__name__ == "DeinitializedError":
        cls = ValueError  # hal's ValueError for a deinitialised object: the guest's ValueError
    elif isinstance(exc, _GuestExceptionRepr) or cls.__module__ != "builtins":
        return exc
    gcls = _HOST_TO_GUEST.get(cls)
    if gcls is None:
        for base in cls.__mro__[1:]:
            gcls = _HOST_TO_GUEST.get(base)
            if gcls is not None:
                break
        else:
            return exc
    args = exc.args
    if len(args) == 1 and isinstance(args[0], str) and cls is not KeyError:
        args = (translate_message(args[0]),)
    if isinstance(exc, OSError) and exc.errno is not None and len(args) >= 1:
        args = (exc.errno,)
    if isinstance(exc, RecursionError):
        args = ("maximum recursion depth exceeded",)
    if isinstance(exc, (UnicodeDecodeError, UnicodeEncodeError)):
        args = ()  # MicroPython's UnicodeError carries no details
    new = gcls(*args)
    if isinstance(exc, StopIteration):
        new.value = exc.value
    tb = getattr(exc, "_jitvm_tb", None)
    if tb is not None:
        new._jitvm_tb = tb
    new.__cause__ = exc.__cause__
    return new
