"""The parsed form of a .mpy v6 file: header, qstr and object tables, raw-code tree."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum

ARCH_NAMES: tuple[str, ...] = (
    "none", "x86", "x64", "armv6", "armv6m", "armv7m", "armv7em", "armv7emsp",
    "armv7emdp", "xtensa", "xtensawin", "rv32imc", "rv64imc",
)

MICROPYTHON = "micropython"
CIRCUITPYTHON = "circuitpython"


class CodeKind(IntEnum):
    """Raw-code kinds as stored in the low two bits of ``kind_len``."""

    BYTECODE = 0
    NATIVE = 1
    VIPER = 2
    ASM = 3


class ScopeFlags:
    """Scope-flag bits, which differ between MicroPython and CircuitPython."""

    GENERATOR = 0x01
    VARKEYWORDS = 0x02
    VARARGS = 0x04
    DEFKWARGS = 0x08

    def __init__(self, flavour: str) -> None:
        cp = flavour == CIRCUITPYTHON
        self.ASYNC = 0x10 if cp else 0
        self.VIPERRELOC = 0x20 if cp else 0x10
        self.VIPERRODATA = 0x40 if cp else 0x20
        self.VIPERBSS = 0x80 if cp else 0x40

    def describe(self, flags: int) -> str:
        names = [n for n, b in (("generator", self.GENERATOR), ("varkeywords", self.VARKEYWORDS),
                                ("varargs", self.VARARGS), ("defkwargs", self.DEFKWARGS),
                                ("async", self.ASYNC)) if b and flags & b]
        return ",".join(names)


@dataclass
class Header:
    magic: str  # 'M' MicroPython, 'C' CircuitPython
    version: int
    feature: int  # the raw feature byte
    small_int_bits: int
    arch_flags: int | None = None  # present when feature bit 6 is set

    @property
    def arch(self) -> int:
        return (self.feature >> 2) & 0x0F

    @property
    def arch_name(self) -> str:
        return ARCH_NAMES[self.arch] if self.arch < len(ARCH_NAMES) else f"arch{self.arch}"

    @property
    def sub_version(self) -> int:
        return self.feature & 0x03

    @property
    def flavour(self) -> str:
        return CIRCUITPYTHON if self.magic == "C" else MICROPYTHON

    @property
    def scope_flags(self) -> ScopeFlags:
        return ScopeFlags(self.flavour)

    def to_bytes(self) -> bytes:
        return bytes((ord(self.magic), self.version, self.feature, self.small_int_bits))


@dataclass
class Qstr:
    """A qstr-table entry: a static qstr number, or the bytes of a dynamic one."""

    text: str
    static: int | None = None  # static qstr number (1-based) when stored as static
    data: bytes = b""  # raw UTF-8 bytes of a dynamic qstr


@dataclass
class Constant:
    """An object-table entry. ``text`` keeps the decimal text of int/float/complex."""

    tag: int
    value: object
    text: bytes | None = None
    items: list[Constant] | None = None  # for tuples


@dataclass
class Prelude:
    """The decoded bytecode prelude of a function (py/bc.h)."""

    n_state: int
    n_exc_stack: int
    scope_flags: int
    n_pos_args: int
    n_kwonly_args: int
    n_def_pos_args: int
    n_info: int
    n_cell: int
    name_index: int  # qstr-table index of the simple name
    arg_indices: list[int]  # qstr-table indices of argument names
    line_info: bytes
    cells: bytes  # local numbers that are cells
    code_start: int  # offset of the first opcode in fun_data

    def _line_steps(self):
        """(bytecode delta, line delta) steps of the line table (py/bc.h encoding)."""
        info = self.line_info
        i = 0
        while i < len(info):
            c = info[i]
            if c & 0x80 == 0:  # 0LLBBBBB
                yield c & 0x1F, c >> 5
                i += 1
            elif i + 1 < len(info):  # 1LLLBBBB LLLLLLLL
                yield c & 0x0F, ((c << 4) & 0x700) | info[i + 1]
                i += 2
            else:
                return

    def line_table(self) -> list[tuple[int, int]]:
        """(bytecode offset relative to code_start, line) pairs where a new line begins."""
        out = []
        offset, line = 0, 1
        for b, dl in self._line_steps():
            offset += b
            line += dl
            out.append((offset, line))
        return out

    def line_at(self, rel_offset: int) -> int:
        """The source line of the instruction at ``rel_offset`` (MicroPython's algorithm)."""
        line = 1
        for b, dl in self._line_steps():
            if rel_offset < b:
                break
            rel_offset -= b
            line += dl
        return line


@dataclass
class RawCode:
    kind: CodeKind
    fun_data: bytes
    file_offset: int = 0  # where fun_data starts in the file
    prelude: Prelude | None = None
    name: str = "?"
    children: list[RawCode] = field(default_factory=list)
    # native/viper/asm details, kept for round-tripping and display (never executed)
    prelude_offset: int = 0
    scope_flags: int = 0
    n_pos_args: int = 0
    type_sig: int = 0
    rodata_size: int | None = None
    bss_size: int | None = None
    rodata: bytes = b""
    relocations: bytes | None = None  # raw relocation records including the 0xff end
    instructions: list = field(default_factory=list)  # decoded bytecode (mpy.bytecode)

    @property
    def bytecode(self) -> bytes:
        assert self.prelude is not None
        return self.fun_data[self.prelude.code_start:]

    def walk(self):
        """This raw code and all its descendants, depth first."""
        yield self
        for c in self.children:
            yield from c.walk()


@dataclass
class MpyModule:
    header: Header
    qstrs: list[Qstr]
    objs: list[Constant]
    root: RawCode
    filename: str = "<mpy>"
    trailing: bytes = b""  # bytes after the raw-code tree (ignored by MicroPython)

    @property
    def source_file(self) -> str:
        return self.qstrs[0].text if self.qstrs else "<unknown>"

    @property
    def flavour(self) -> str:
        return self.header.flavour
