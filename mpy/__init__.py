"""The .mpy v6 format: reader, writer, opcode table and disassembler. Imports nothing of jitvm."""

from .errors import MpyFormatError
from .model import CodeKind, Constant, ConstTable, Header, MpyModule, Prelude, Qstr, QstrTable, RawCode
from .reader import read_mpy, read_mpy_file
from .writer import write_mpy

__all__ = ["MpyFormatError", "CodeKind", "Constant", "ConstTable", "Header", "MpyModule", "Prelude",
           "Qstr", "QstrTable", "RawCode", "read_mpy", "read_mpy_file", "write_mpy"]
