"""The guest's builtins: host builtins where semantics agree, sandboxed versions elsewhere."""

from __future__ import annotations

import builtins as host
import types

from .gexc import GUEST_EXC
from .objects import NULL, Function, Generator, GuestModule, build_class
from .sandbox import is_guest

_SAFE_HOST = """
abs all any bin bool bytearray bytes callable chr classmethod complex dict divmod enumerate filter
float frozenset hash hex id int isinstance issubclass iter len list map max memoryview min next
object oct ord pow property range repr reversed round set slice sorted staticmethod str sum super
tuple type zip NotImplemented Ellipsis
""".split()


class CodeObject:
    """What compile() returns: source kept for exec()/eval() (compiled by mpy-cross there);
    the guest sees none of its insides."""

    __slots__ = ("_source", "_mode")

    def __init__(self, source, mode) -> None:
        self._source, self._mode = source, mode

    def __repr__(self) -> str:
        return "<code>"


CodeObject.__name__ = CodeObject.__qualname__ = "code"


def _repl_source(source: str) -> str:
    """compile(..., "single"): what the REPL runs. Each expression statement of the module's
    own code (not inside a function or class) becomes a call of ``__repl_print__``, which
    prints the repr of a value that is not None and keeps it as ``_``, as MicroPython's
    compiler does for REPL input (PRINT_EXPR). The text is spliced, not regenerated, so
    every line keeps its number for tracebacks."""
    import ast

    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return source  # mpy-cross reports the error as MicroPython would
    spans: list[tuple[int, int, int, int]] = []
    todo = list(tree.body)
    while todo:
        node = todo.pop()
        if isinstance(node, ast.Expr):
            v = node.value
            spans.append((v.lineno, v.col_offset, v.end_lineno, v.end_col_offset))
        elif not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            for field in ("body", "orelse", "finalbody", "handlers", "cases"):
                for child in getattr(node, field, ()) or ():
                    todo.extend(getattr(child, "body", ()) if isinstance(
                        child, (ast.ExceptHandler, getattr(ast, "match_case", ()))) else [child])
    lines = [ln.encode("utf-8", "surrogatepass") for ln in source.splitlines(True)]
    for l0, c0, l1, c1 in sorted(spans, reverse=True):  # offsets are UTF-8 bytes
        lines[l1 - 1] = lines[l1 - 1][:c1] + b")" + lines[l1 - 1][c1:]
        lines[l0 - 1] = lines[l0 - 1][:c0] + b"__repl_print__(" + lines[l0 - 1][c0:]
    return b"".join(lines).decode("utf-8", "surrogatepass")


def make_builtins(vm) -> dict:
    b: dict = {name: getattr(host, name) for name in _SAFE_HOST}
    b.update(GUEST_EXC)
    sandbox = vm.sandbox

    def getattr_(obj, name, *default):
        if type(name) is not str:
            raise GUEST_EXC["TypeError"]("attribute name must be a string")
        try:
            return sandbox.getattr(obj, name)
        except AttributeError:
            if default:
                return default[0]
            raise

    def hasattr_(obj, name):
        if type(name) is not str:
            raise GUEST_EXC["TypeError"]("attribute name must be a string")
        try:
            sandbox.getattr(obj, name)
            return True
        except AttributeError:
            return False

    def setattr_(obj, name, value):
        sandbox.setattr(obj, name, value)

    def delattr_(obj, name):
        sandbox.delattr(obj, name)

    def dir_(*args):
        if not args:
            return sorted(vm.executor.current_locals())
        obj = args[0]
        if isinstance(obj, GuestModule):
            return sorted(k for k in obj.__dict__)
        return sandbox.dir(obj)

    def globals_():
        return vm.executor.current_frame().globals

    def locals_():
        return vm.executor.current_locals()  # a function has no locals dict in MicroPython

    def print_(*args, sep=" ", end="\n", file=None, **extra):
        if extra:
            raise GUEST_EXC["TypeError"]("extra keyword arguments given")
        out = vm.stdout if file is None else file
        if sep is None:
            sep = " "
        if end is None:
            end = "\n"
        stream_write = getattr(type(out), "_jitvm_stream_write", None)
        if stream_write is not None:  # a guest io.IOBase: each piece through its write()
            for i, a in enumerate(args):
                if i:
                    stream_write(out, sep)
                stream_write(out, _printed(a))
            stream_write(out, end)
            return
        out.write(sep.join(map(_printed, args)) + end)
        if file is None and vm.autoflush:
            out.flush()

    def import_(name, globals=None, locals=None, fromlist=None, level=0):
        if not isinstance(name, str):
            raise GUEST_EXC["TypeError"]("can't convert to str implicitly")
        if not isinstance(level, int) or level < 0 or (not name and not level):
            raise GUEST_EXC["ValueError"]()
        if level and globals is not None and not isinstance(globals, dict):
            raise GUEST_EXC["TypeError"]("globals must be a dict")
        return vm.importer.import_name(name, fromlist, level, globals or {})

    def open_(path, mode="r", buffering=-1, encoding=None):
        return vm.importer.open_file(path, mode, buffering, encoding)

    def input_(prompt=""):
        console_input = getattr(vm, "console_input", None)
        if console_input is not None:  # the REPL's console: its line editor reads the line
            return console_input(str(prompt))
        if prompt:
            vm.stdout.write(str(prompt))
            vm.stdout.flush()
        return host.input()

    def exec_(source, globals=None, locals=None):
        if isinstance(source, CodeObject):
            source = _repl_source(source._source) if source._mode == "single" else source._source
        return vm.importer.exec_source(source, globals, locals, mode="exec")

    def eval_(source, globals=None, locals=None):
        mode = "eval"
        if isinstance(source, CodeObject):
            if source._mode != "eval":  # an exec or single code object: run, value None
                return exec_(source, globals, locals)
            source, mode = source._source, source._mode
        return vm.importer.exec_source(source, globals, locals, mode=mode)

    def execfile(path, globals=None, locals=None):
        return vm.importer.exec_file(path, globals, locals)

    def help_(*args):
        from .builtinhelp import help_text

        vm.stdout.write(help_text(vm, args))

    def repl_print(value):
        """MicroPython's __repl_print__: what an expression typed at the REPL shows."""
        if value is not None:
            vm.stdout.write(repr(value) + "\n")
            b["_"] = value

    def memoryview_(obj):
        lazy = getattr(type(obj), "__jitvm_memoryview__", None)
        if lazy is not None:  # memory by address (uctypes): read when an item is used
            return lazy(obj)
        hook = getattr(type(obj), "__jitvm_buffer__", None)
        if hook is None:
            if isinstance(obj, str):  # a str has the buffer protocol in MicroPython: its UTF-8
                return host.memoryview(obj.encode("utf-8", "surrogatepass"))
            return host.memoryview(obj)
        view = host.memoryview(hook(obj))
        # an array's items, not its bytes, as in MicroPython (read from the class's own slot:
        # a uctypes struct answers any other name from its descriptor)
        code = getattr(obj, "_code", "B") if hasattr(type(obj), "_code") else "B"
        return view.cast(code) if code in "bBhHiIlLqQfd" and code != "B" else view

    def compile_(source, filename="<string>", mode="exec", *args):
        if mode not in ("exec", "eval", "single"):
            raise GUEST_EXC["ValueError"]("bad compile mode")
        if isinstance(source, (bytes, bytearray)):
            source = bytes(source).decode()
        vm.importer.check_syntax(source, mode)
        return CodeObject(source, mode)

    b.update({
        "getattr": getattr_, "hasattr": hasattr_, "setattr": setattr_, "delattr": delattr_,
        "dir": dir_, "globals": globals_, "locals": locals_, "print": print_,
        "__import__": import_, "open": open_, "input": input_, "exec": exec_, "eval": eval_,
        "compile": compile_, "execfile": execfile, "help": help_,
        "__build_class__": build_class, "__repl_print__": repl_print, "__name__": "builtins",
        "memoryview": memoryview_, "__template__": _new_template,
    })
    b["object"] = host.object
    return b


_FIRMWARE_FUNCTIONS = (types.FunctionType, types.BuiltinFunctionType)


def _printed(obj) -> str:
    """str(obj) as print shows it: the firmware's own functions print as MicroPython's
    built-in functions do, ``<function>``."""
    if isinstance(obj, _FIRMWARE_FUNCTIONS):
        return "<function>"
    return str(obj)


def _new_template(*args):
    """`t"..."` compiles to a call of this (MicroPython 1.29's t-strings)."""
    from .modules.templatelib import new_template

    if not args:
        raise GUEST_EXC["TypeError"]("function missing 1 required positional arguments")
    return new_template(*args)


def is_guest_value(obj) -> bool:
    return is_guest(obj) or isinstance(obj, (Function, Generator, GuestModule))


__all__ = ["make_builtins", "NULL"]
