"""The help() builtin as MicroPython's py/builtinhelp.c prints it: the help text, the module
list for help('modules'), and for an object its type and the names its module, class or type
defines (``  name -- value``)."""

from __future__ import annotations

import types

HELP_TEXT = (
    "Welcome to MicroPython!\n\n"
    "For online docs please visit http://docs.micropython.org/\n\n"
    "Control commands:\n"
    "  CTRL-A        -- on a blank line, enter raw REPL mode\n"
    "  CTRL-B        -- on a blank line, enter normal REPL mode\n"
    "  CTRL-C        -- interrupt a running program\n"
    "  CTRL-D        -- on a blank line, exit or do a soft reset\n"
    "  CTRL-E        -- on a blank line, enter paste mode\n\n"
    "For further help on a specific object, type help(obj)\n"
)
HELP_TEXT_CP = (
    "Welcome to Adafruit CircuitPython {version}!\n\n"
    "Visit circuitpython.org for more information.\n\n"
    "To list built-in modules type `help(\"modules\")`.\n"
)
COLUMNS, COLUMN_WIDTH = 4, 18  # MICROPY_PY_BUILTINS_HELP_NUM_COLUMNS / _COLUMN_WIDTH
_HOST_CALLABLES = (types.FunctionType, types.BuiltinFunctionType, types.MethodType,
                   types.MethodDescriptorType, types.ClassMethodDescriptorType)
# what MicroPython's built-in types define (their locals dicts, in the firmware's order), for
# help(int) and help(1): "@" marks a classmethod, "!" a staticmethod, the rest are functions
_STR_METHODS = ("find rfind index rindex join split splitlines rsplit startswith endswith strip "
                "lstrip rstrip format replace count partition rpartition center lower upper "
                "isspace isalpha isdigit isupper islower")
_LOCALS = {
    int: "@from_bytes to_bytes",
    str: _STR_METHODS + " encode",
    bytes: "hex @fromhex decode " + _STR_METHODS,
    bytearray: "append extend hex @fromhex decode " + _STR_METHODS,
    list: "append clear copy count extend index insert pop remove reverse sort",
    dict: "clear copy @fromkeys get items keys pop popitem setdefault update values "
          "__getitem__ __setitem__ __delitem__",
    tuple: "count index",
    set: "add clear copy discard difference difference_update intersection intersection_update "
         "isdisjoint issubset issuperset pop remove symmetric_difference "
         "symmetric_difference_update union update __contains__",
    frozenset: "copy difference intersection isdisjoint issubset issuperset "
               "symmetric_difference union __contains__",
    object: "__init__ !__new__ __setattr__ __delattr__",
}
_KINDS = {"@": "<classmethod>", "!": "<staticmethod>"}
_TYPE_LOCALS = {t: tuple((n.lstrip("@!"), _KINDS.get(n[0], "<function>")) for n in names.split())
                for t, names in _LOCALS.items()}


def shown(value, vm) -> str:
    """A value as help prints it: the firmware's functions as ``<function>``."""
    from .objects import Function

    if isinstance(value, (classmethod,)):
        return "<classmethod>"
    if isinstance(value, staticmethod):
        return "<staticmethod>"
    if isinstance(value, _HOST_CALLABLES) and not isinstance(value, Function):
        return "<function>"
    return vm.builtins["str"](value)


def modules_table(names: list[str]) -> str:
    names = sorted(set(names))
    rows = (len(names) + COLUMNS - 1) // COLUMNS
    out = []
    for i in range(rows):
        cells = names[i::rows]
        line = "".join(c + " " * max(1, COLUMN_WIDTH - len(c)) if k < len(cells) - 1 else c
                       for k, c in enumerate(cells))
        out.append(line + "\n")
    return "".join(out) + "Plus any modules on the filesystem\n"


def help_text(vm, args: tuple) -> str:
    from .gexc import GUEST_EXC
    from .objects import GuestModule, GuestType

    if len(args) > 1:
        raise GUEST_EXC["TypeError"](f"function expected at most 1 arguments, got {len(args)}")
    if not args:
        if vm.flavour == "circuitpython":
            return HELP_TEXT_CP.format(version="10.0.3")
        return HELP_TEXT
    obj = args[0]
    if type(obj) is str and obj == "modules":
        return modules_table(_module_names(vm))
    kind = vm.builtins["type"](obj)
    kind_name = "function" if shown(obj, vm) == "<function>" else kind.__name__
    lines = [f"object {shown(obj, vm)} is of type {kind_name}\n"]
    if isinstance(obj, GuestModule):
        entries = [(k, shown(v, vm)) for k, v in obj.__dict__.items() if isinstance(k, str)]
    else:
        t = obj if isinstance(obj, type) else kind
        if isinstance(t, GuestType):
            entries = [(k, shown(v, vm)) for k, v in t.__dict__.items()
                       if not (k.startswith("__") and k.endswith("__")) or k == "__init__"]
        else:
            entries = list(_TYPE_LOCALS.get(t, ()))
            if t is int and vm.flavour == "circuitpython":  # CircuitPython adds bit_length
                entries.insert(0, ("bit_length", "<function>"))
    lines += [f"  {k} -- {v}\n" for k, v in entries]
    return "".join(lines)


def _module_names(vm) -> list[str]:
    """The built-in modules of this flavour, and the frozen ones (as mp_frozen_names)."""
    from .importer import FLAVOUR_MODULES, FROZEN, HOST_MODULES, VM_MODULES

    other = "micropython" if vm.flavour == "circuitpython" else "circuitpython"
    names = [n for n in HOST_MODULES | VM_MODULES if n not in FLAVOUR_MODULES[other]]
    names += [p.stem if p.suffix == ".py" else p.name + "/__init__" for p in FROZEN.iterdir()
              if not p.name.startswith(("_", "."))]
    return names
