"""The static qstr table shared by MicroPython and CircuitPython .mpy v6 files.

A qstr entry in a .mpy file whose vuint is odd names static qstr number ``L >> 1``;
number 0 is MP_QSTRnull and never appears, so number 1 is the first name below.
The list is a fact of the file format (py/makeqstrdata.py, ``static_qstr_list``).
"""

STATIC_QSTRS: tuple[str, ...] = (
    "", "__dir__", "\n", " ", "*", "/", "<module>", "_", "__call__", "__class__",
    "__delitem__", "__enter__", "__exit__", "__getattr__", "__getitem__", "__hash__",
    "__init__", "__int__", "__iter__", "__len__", "__main__", "__module__", "__name__",
    "__new__", "__next__", "__qualname__", "__repr__", "__setitem__", "__str__",
    "ArithmeticError", "AssertionError", "AttributeError", "BaseException", "EOFError",
    "Ellipsis", "Exception", "GeneratorExit", "ImportError", "IndentationError",
    "IndexError", "KeyError", "KeyboardInterrupt", "LookupError", "MemoryError",
    "NameError", "NoneType", "NotImplementedError", "OSError", "OverflowError",
    "RuntimeError", "StopIteration", "SyntaxError", "SystemExit", "TypeError",
    "ValueError", "ZeroDivisionError", "abs", "all", "any", "append", "args", "bool",
    "builtins", "bytearray", "bytecode", "bytes", "callable", "chr", "classmethod",
    "clear", "close", "const", "copy", "count", "dict", "dir", "divmod", "end",
    "endswith", "eval", "exec", "extend", "find", "format", "from_bytes", "get",
    "getattr", "globals", "hasattr", "hash", "id", "index", "insert", "int", "isalpha",
    "isdigit", "isinstance", "islower", "isspace", "issubclass", "isupper", "items",
    "iter", "join", "key", "keys", "len", "list", "little", "locals", "lower", "lstrip",
    "main", "map", "micropython", "next", "object", "open", "ord", "pop", "popitem",
    "pow", "print", "range", "read", "readinto", "readline", "remove", "replace", "repr",
    "reverse", "rfind", "rindex", "round", "rsplit", "rstrip", "self", "send", "sep",
    "set", "setattr", "setdefault", "sort", "sorted", "split", "start", "startswith",
    "staticmethod", "step", "stop", "str", "strip", "sum", "super", "throw", "to_bytes",
    "tuple", "type", "update", "upper", "utf-8", "value", "values", "write", "zip",
)


def static_qstr(number: int) -> str:
    """The name of static qstr ``number`` (1-based); IndexError if out of range."""
    if not 1 <= number <= len(STATIC_QSTRS):
        raise IndexError(number)
    return STATIC_QSTRS[number - 1]
