"""The .mpy v6 format: reader, writer, opcode table and disassembler. Imports nothing of jitvm."""

from .errors import MpyFormatError
from .model import CodeKind, Constant, Header, MpyModule, Prelude, Qstr, RawCode
from .reader import read_mpy, read_mpy_file
from .writer import write_mpy

__all__ = ["MpyFormatError", "CodeKind", "Constant", "Header", "MpyModule", "Prelude", "Qstr",
           "RawCode", "read_mpy", "read_mpy_file", "write_mpy"]
