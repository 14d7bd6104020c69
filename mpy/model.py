"""The parsed form of a .mpy v6 file: header, qstr and object tables, raw-code tree."""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from enum import IntEnum

from ._record import Record
from .qstrs import STATIC_QSTRS

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


class Header(Record):
    _fields = ("magic", "version", "feature", "small_int_bits", "arch_flags")

    def __init__(self, magic: str, version: int, feature: int, small_int_bits: int,
                 arch_flags: int | None = None) -> None:
        self.magic = magic  # 'M' MicroPython, 'C' CircuitPython
        self.version = version
        self.feature = feature  # the raw feature byte
        self.small_int_bits = small_int_bits
        self.arch_flags = arch_flags  # present when feature bit 6 is set

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


class Qstr(Record):
    """A qstr-table entry: a static qstr number, or the bytes of a dynamic one."""

    _fields = ("text", "static", "data")

    def __init__(self, text: str, static: int | None = None, data: bytes = b"") -> None:
        self.text = text
        self.static = static  # static qstr number (1-based) when stored as static
        self.data = data  # raw UTF-8 bytes of a dynamic qstr


_STATIC_NUMBER = {name: i + 1 for i, name in enumerate(STATIC_QSTRS)}


class QstrTable(Sequence):
    """The module's qstr table, stored compactly: one text and one flag byte per entry.

    A table may hold millions of entries (a static one takes a single byte of the file),
    so no object is kept per entry beyond its text; ``table[i]`` builds a Qstr view.
    A dynamic qstr's text decodes its bytes as UTF-8 with surrogateescape, which gives the
    same bytes back on encoding, so the writer reproduces the file exactly.
    """

    __slots__ = ("texts", "_flags")
    _STATIC = 1
    _NOT_NAME = 2  # holds NUL or is not strict UTF-8: never an identifier from source

    def __init__(self) -> None:
        self.texts: list[str] = []
        self._flags = bytearray()

    def add_static(self, number: int) -> None:
        self.texts.append(STATIC_QSTRS[number - 1])
        self._flags.append(self._STATIC)

    def add_dynamic(self, data: bytes) -> None:
        flags = 0
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("utf-8", "surrogateescape")
            flags = self._NOT_NAME
        if b"\0" in data:
            flags = self._NOT_NAME
        self.texts.append(text)
        self._flags.append(flags)

    def append(self, q: Qstr) -> None:
        if q.static is not None:
            self.add_static(q.static)
        else:
            self.add_dynamic(q.data or q.text.encode("utf-8", "surrogateescape"))

    def n_static(self) -> int:
        return sum(f & self._STATIC for f in self._flags)

    def is_name(self, index: int) -> bool:
        """Whether entry ``index`` could be an identifier: strict UTF-8 without NUL."""
        return not self._flags[index] & self._NOT_NAME

    def __len__(self) -> int:
        return len(self.texts)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        text = self.texts[index]
        if self._flags[index] & self._STATIC:
            return Qstr(text, static=_STATIC_NUMBER[text])
        return Qstr(text, data=text.encode("utf-8", "surrogateescape"))

    def __iter__(self) -> Iterator[Qstr]:
        for i in range(len(self.texts)):
            yield self[i]

    def __repr__(self) -> str:
        return f"QstrTable({len(self)} entries)"


class Constant(Record):
    """An object-table entry. ``text`` keeps the decimal text of int/float/complex."""

    _fields = ("tag", "value", "text", "items")

    def __init__(self, tag: int, value: object, text: bytes | None = None,
                 items: list[Constant] | None = None) -> None:
        self.tag = tag
        self.value = value
        self.text = text
        self.items = items  # for tuples


OBJ_FUN_TABLE, OBJ_NONE, OBJ_FALSE, OBJ_TRUE, OBJ_ELLIPSIS = 0, 1, 2, 3, 4
OBJ_STR, OBJ_BYTES, OBJ_INT, OBJ_FLOAT, OBJ_COMPLEX, OBJ_TUPLE = 5, 6, 7, 8, 9, 10
OBJ_TAG_NAMES = ("fun_table", "None", "False", "True", "Ellipsis", "str", "bytes", "int",
                 "float", "complex", "tuple")


def _skip_vuint(raw: bytes, pos: int) -> tuple[int, int]:
    value = 0
    while True:
        b = raw[pos]
        pos += 1
        value = (value << 7) | (b & 0x7F)
        if not b & 0x80:
            return value, pos


def _entry_end(raw: bytes, pos: int) -> int:
    """The end of the (already validated) object-table entry that starts at ``pos``."""
    todo = 1
    while todo:
        todo -= 1
        tag = raw[pos]
        pos += 1
        if tag <= OBJ_ELLIPSIS:
            continue
        n, pos = _skip_vuint(raw, pos)
        if tag == OBJ_TUPLE:
            todo += n
        else:
            pos += n + (tag in (OBJ_STR, OBJ_BYTES))
    return pos


def _view(raw: bytes, pos: int, value: object) -> Constant:
    tag = raw[pos]
    if tag <= OBJ_ELLIPSIS or tag in (OBJ_STR, OBJ_BYTES):
        return Constant(tag, value)
    n, p = _skip_vuint(raw, pos + 1)
    if tag == OBJ_TUPLE:
        items = []
        for v in value:
            items.append(_view(raw, p, v))
            p = _entry_end(raw, p)
        return Constant(tag, value, items=items)
    return Constant(tag, value, text=raw[p:p + n])


class ConstTable(Sequence):
    """The module's object table, stored compactly: the values, and the table's bytes.

    ``values[i]`` is the Python value of entry ``i`` (what the VM loads). The entries'
    encoded bytes are kept as one block, so ``table[i]`` builds a Constant view (tag,
    value, stored text, tuple items) on demand and the writer copies the block unchanged:
    no object per entry beyond its value, whatever the number of entries.
    ``table[i] = Constant(...)`` replaces an entry and ``append`` adds one.
    """

    __slots__ = ("values", "_raw", "_n_raw", "_starts", "_edits")

    def __init__(self, values: list | None = None, raw: bytes = b"") -> None:
        self.values: list = values if values is not None else []
        self._raw = raw  # the encoded entries 0.._n_raw-1, back to back, as read
        self._n_raw = len(self.values)
        self._starts: array | None = None  # entry offsets in _raw, made on first random access
        self._edits: dict[int, Constant] = {}  # replaced or appended entries

    def _offset(self, index: int) -> int:
        if self._starts is None:
            starts = array("Q")
            pos, raw = 0, self._raw
            for _ in range(self._n_raw):
                starts.append(pos)
                pos = _entry_end(raw, pos)
            self._starts = starts
        return self._starts[index]

    def __len__(self) -> int:
        return len(self.values)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self.values)
        if not 0 <= index < len(self.values):
            raise IndexError("constant index out of range")
        edit = self._edits.get(index)
        if edit is not None:
            return edit
        return _view(self._raw, self._offset(index), self.values[index])

    def __setitem__(self, index: int, const: Constant) -> None:
        if index < 0:
            index += len(self.values)
        self.values[index] = const.value
        self._edits[index] = const

    def append(self, const: Constant) -> None:
        self._edits[len(self.values)] = const
        self.values.append(const.value)

    def __iter__(self) -> Iterator[Constant]:
        pos, raw, edits = 0, self._raw, self._edits
        for i, value in enumerate(self.values):
            edit = edits.get(i) if edits else None
            if edit is not None:
                yield edit
            else:
                yield _view(raw, pos, value)
            if i < self._n_raw:
                pos = _entry_end(raw, pos)

    def raw_entries(self) -> bytes | None:
        """The table's encoded entries when unchanged since reading, else None."""
        return None if self._edits else self._raw

    def __repr__(self) -> str:
        return f"ConstTable({len(self)} entries)"


class Prelude(Record):
    """The decoded bytecode prelude of a function (py/bc.h)."""

    _fields = ("n_state", "n_exc_stack", "scope_flags", "n_pos_args", "n_kwonly_args",
               "n_def_pos_args", "n_info", "n_cell", "name_index", "arg_indices", "line_info",
               "cells", "code_start")

    def __init__(self, n_state: int, n_exc_stack: int, scope_flags: int, n_pos_args: int,
                 n_kwonly_args: int, n_def_pos_args: int, n_info: int, n_cell: int,
                 name_index: int, arg_indices: list[int], line_info: bytes, cells: bytes,
                 code_start: int) -> None:
        self.n_state = n_state
        self.n_exc_stack = n_exc_stack
        self.scope_flags = scope_flags
        self.n_pos_args = n_pos_args
        self.n_kwonly_args = n_kwonly_args
        self.n_def_pos_args = n_def_pos_args
        self.n_info = n_info
        self.n_cell = n_cell
        self.name_index = name_index  # qstr-table index of the simple name
        self.arg_indices = arg_indices  # qstr-table indices of argument names
        self.line_info = line_info
        self.cells = cells  # local numbers that are cells
        self.code_start = code_start  # offset of the first opcode in fun_data

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


_NEW_LIST = object()  # RawCode's children default: a new list for each


class RawCode(Record):
    _fields = ("kind", "fun_data", "file_offset", "prelude", "name", "children",
               "prelude_offset", "scope_flags", "n_pos_args", "type_sig", "rodata_size",
               "bss_size", "rodata", "relocations")  # not _decoded: a cache

    def __init__(self, kind: CodeKind, fun_data: bytes, file_offset: int = 0,
                 prelude: Prelude | None = None, name: str = "?",
                 children: list[RawCode] = _NEW_LIST,  # type: ignore[assignment]
                 prelude_offset: int = 0, scope_flags: int = 0, n_pos_args: int = 0,
                 type_sig: int = 0, rodata_size: int | None = None, bss_size: int | None = None,
                 rodata: bytes = b"", relocations: bytes | None = None,
                 _decoded: list | None = None) -> None:
        self.kind = kind
        self.fun_data = fun_data
        self.file_offset = file_offset  # where fun_data starts in the file
        self.prelude = prelude
        self.name = name
        self.children = [] if children is _NEW_LIST else children
        # native/viper/asm details, kept for round-tripping and display (never executed)
        self.prelude_offset = prelude_offset
        self.scope_flags = scope_flags
        self.n_pos_args = n_pos_args
        self.type_sig = type_sig
        self.rodata_size = rodata_size
        self.bss_size = bss_size
        self.rodata = rodata
        self.relocations = relocations  # raw relocation records including the 0xff end
        self._decoded = _decoded

    @property
    def bytecode(self) -> bytes:
        assert self.prelude is not None
        return self.fun_data[self.prelude.code_start:]

    @property
    def instructions(self) -> list:
        """The decoded bytecode (mpy.bytecode.Instruction list); [] for machine code.

        Decoded on first use, not when the file is read: the reader validates the bytecode
        without making an object per instruction, so reading costs memory in proportion
        to the file, and only functions that are run or listed pay for their decoding.
        """
        if self._decoded is None:
            if self.kind is CodeKind.BYTECODE and self.prelude is not None:
                from .bytecode import decode_raw_code

                self._decoded = decode_raw_code(self)
            else:
                self._decoded = []
        return self._decoded

    def forget_instructions(self) -> None:
        """Drop the decoded form (after fun_data changed, or to free memory)."""
        self._decoded = None

    def walk(self):
        """This raw code and all its descendants, depth first."""
        yield self
        for c in self.children:
            yield from c.walk()


class MpyModule(Record):
    _fields = ("header", "qstrs", "objs", "root", "filename", "trailing")

    def __init__(self, header: Header, qstrs: QstrTable, objs: ConstTable, root: RawCode,
                 filename: str = "<mpy>", trailing: bytes = b"") -> None:
        self.header = header
        self.qstrs = qstrs
        self.objs = objs
        self.root = root
        self.filename = filename
        self.trailing = trailing  # bytes after the raw-code tree (ignored by MicroPython)

    @property
    def source_file(self) -> str:
        return self.qstrs[0].text if len(self.qstrs) else "<unknown>"

    @property
    def flavour(self) -> str:
        return self.header.flavour
