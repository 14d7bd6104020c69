"""The .mpy v6 format: reader, writer, opcode table and disassembler. Imports nothing of jitvm.

The names below load their submodule on first use (``from mpy import MpyFormatError`` reads
only ``mpy.errors``): a process that only needs the error type, such as the parent of a
supervised `jitvm run`, does not pay for the reader.
"""

from .errors import MpyFormatError

_LAZY = {
    "CodeKind": "model", "Constant": "model", "ConstTable": "model", "Header": "model",
    "MpyModule": "model", "Prelude": "model", "Qstr": "model", "QstrTable": "model",
    "RawCode": "model", "read_mpy": "reader", "read_mpy_file": "reader", "write_mpy": "writer",
}

__all__ = ["MpyFormatError", "CodeKind", "Constant", "ConstTable", "Header", "MpyModule", "Prelude",
           "Qstr", "QstrTable", "RawCode", "read_mpy", "read_mpy_file", "write_mpy"]


def __getattr__(name: str):
    sub = _LAZY.get(name)
    if sub is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"{__name__}.{sub}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
