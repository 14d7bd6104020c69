"""Reads .mpy version 6 files (MicroPython 1.19-1.29, CircuitPython 9-10) into an MpyModule.

Follows the code of MicroPython's ``py/persistentcode.c`` and ``tools/mpy-tool.py``.
Every problem raises MpyFormatError naming the file, the byte offset and the reason;
no other exception escapes (sizes are checked against the bytes left before use).

MicroPython's own loader trusts the file; this one also refuses what mpy-cross never
writes and what would trip the VM or the translator later: names (identifiers) with NUL
bytes or invalid UTF-8, state sizes out of proportion to the code, module code that is
viper or asm, operands out of range, jumps off the code or into an instruction, code
that runs off its end, and stacks that underflow or disagree between paths (see
mpy.bytecode). Reading costs time and memory in proportion to the file: no object is
made per qstr, constant or instruction beyond the values themselves.
"""

from __future__ import annotations

from .verify import CodeLimits, check_bytecode, check_stack
from .errors import MpyFormatError
from .model import (  # noqa: F401  (the OBJ_* tags are imported from here elsewhere)
    ARCH_NAMES, OBJ_BYTES, OBJ_COMPLEX, OBJ_ELLIPSIS, OBJ_FALSE, OBJ_FLOAT, OBJ_FUN_TABLE,
    OBJ_INT, OBJ_NONE, OBJ_STR, OBJ_TAG_NAMES, OBJ_TRUE, OBJ_TUPLE, CodeKind, ConstTable,
    Header, MpyModule, Prelude, QstrTable, RawCode)
from .numtext import parse_complex_text, parse_float_text, parse_int_text
from .qstrs import STATIC_QSTRS

SUPPORTED_VERSION = 6
MAX_SUB_VERSION = 3
MAX_DEPTH = 200  # nesting of raw codes and constant tuples


_OLD_VERSIONS = {
    2: "MicroPython 1.9-1.9.2",
    1: "MicroPython 1.6-1.8",
    0: "MicroPython 1.5",
}


class _Stream:
    """A cursor over the file's bytes that raises MpyFormatError on any overrun."""

    __slots__ = ("data", "pos", "filename")

    def __init__(self, data: bytes, filename: str) -> None:
        self.data = data
        self.pos = 0
        self.filename = filename

    def fail(self, reason: str, offset: int | None = None) -> MpyFormatError:
        return MpyFormatError(reason, self.pos if offset is None else offset, self.filename)

    def left(self) -> int:
        return len(self.data) - self.pos

    def byte(self, what: str = "data") -> int:
        if self.pos >= len(self.data):
            raise self.fail(f"truncated: file ends inside {what}")
        b = self.data[self.pos]
        self.pos += 1
        return b

    def take(self, n: int, what: str = "data") -> bytes:
        if n > len(self.data) - self.pos:
            raise self.fail(f"truncated: {what} needs {n} bytes, {self.left()} left")
        b = self.data[self.pos:self.pos + n]
        self.pos += n
        return b

    def vuint(self, what: str = "a number") -> int:
        start = self.pos
        value = 0
        for _ in range(10):
            b = self.byte(what)
            value = (value << 7) | (b & 0x7F)
            if not b & 0x80:
                return value
        raise self.fail(f"corrupt: {what} is not a valid variable-length integer", start)

    def count(self, what: str, min_bytes_each: int = 1) -> int:
        """A vuint count of items that each take at least ``min_bytes_each`` bytes."""
        start = self.pos
        n = self.vuint(what)
        if n * min_bytes_each > self.left():
            raise self.fail(f"corrupt: {what} {n} exceeds the {self.left()} bytes left", start)
        return n


def read_header(s: _Stream) -> Header:
    if len(s.data) < 4:
        raise s.fail(f"truncated: header needs 4 bytes, file has {len(s.data)}", 0)
    magic, version, feature, small_int_bits = s.take(4, "header")
    if magic not in (ord("M"), ord("C")):
        raise s.fail(f"not a .mpy file: bad magic byte 0x{magic:02x} (expected 'M' or 'C')", 0)
    if version != SUPPORTED_VERSION:
        if version in _OLD_VERSIONS:
            raise s.fail(f"incompatible .mpy version {version} ({_OLD_VERSIONS[version]}): "
                         f"versions 3 to 6 are supported", 1)
        raise s.fail(f"incompatible .mpy version {version}: versions 3 to 6 are supported", 1)
    arch = (feature >> 2) & 0x0F
    if feature & 0x80 or arch >= len(ARCH_NAMES):
        raise s.fail(f"incompatible .mpy arch: unknown feature byte 0x{feature:02x}", 2)
    if not 1 <= small_int_bits <= 64:
        raise s.fail(f"incompatible .mpy file: small-int bits {small_int_bits}", 3)
    header = Header(chr(magic), version, feature, small_int_bits)
    if feature & 0x40:
        header.arch_flags = s.vuint("arch flags")
    return header


def read_qstrs(s: _Stream, n: int) -> QstrTable:
    table = QstrTable()
    for _ in range(n):
        start = s.pos
        length = s.vuint("qstr")
        if length & 1:
            number = length >> 1
            if not 1 <= number <= len(STATIC_QSTRS):
                raise s.fail(f"corrupt: static qstr number {number} out of range", start)
            table.add_static(number)
            continue
        data = s.take(length >> 1, "qstr")
        if s.byte("qstr terminator") != 0:
            raise s.fail("corrupt: qstr is not NUL-terminated", s.pos - 1)
        # MicroPython takes any bytes as a qstr, and so does this table: a string constant
        # may hold NUL or (from a '\ud800' escape) an encoded surrogate, and qstr 0, the
        # source file's path, any bytes a file name can hold. A qstr that stands for a name
        # (a variable, attribute, module, function or argument) comes from an identifier,
        # which mpy-cross's lexer never makes with NUL or invalid UTF-8; such a qstr in a
        # name position is refused where it is used (QstrTable.is_name), since the VM's
        # lookups and the translator's generated Python source take names as text.
        table.add_dynamic(data)
    return table


_NUMBER_PARSERS = {OBJ_INT: parse_int_text, OBJ_FLOAT: parse_float_text,
                   OBJ_COMPLEX: parse_complex_text}


_SIMPLE_VALUES = (None, None, False, True, Ellipsis)  # tag 0 marks the native function table
_LENGTH_WHAT = tuple(f"{name} length" for name in OBJ_TAG_NAMES)


def read_obj(s: _Stream, depth: int = 0) -> object:
    """The value of one object-table entry (its bytes stay in the ConstTable)."""
    if depth > MAX_DEPTH:
        raise s.fail("corrupt: constant tuples nested too deeply")
    start = s.pos
    if start >= len(s.data):
        raise s.fail("truncated: file ends inside constant tag")
    tag = s.data[start]
    s.pos = start + 1
    if tag <= OBJ_ELLIPSIS:
        return _SIMPLE_VALUES[tag]
    if tag == OBJ_TUPLE:
        n = s.count("tuple length")
        return tuple([read_obj(s, depth + 1) for _ in range(n)])
    if tag > OBJ_TUPLE:
        raise s.fail(f"corrupt: unknown constant tag {tag}", start)
    n = s.count(_LENGTH_WHAT[tag])
    data = s.take(n, OBJ_TAG_NAMES[tag])
    if tag <= OBJ_BYTES:
        if s.byte("constant terminator") != 0:
            raise s.fail(f"corrupt: {OBJ_TAG_NAMES[tag]} constant is not NUL-terminated", s.pos - 1)
        return data.decode("utf-8", "surrogateescape") if tag == OBJ_STR else data
    try:
        return _NUMBER_PARSERS[tag](data)
    except (ValueError, UnicodeDecodeError):
        raise s.fail(f"corrupt: bad {OBJ_TAG_NAMES[tag]} constant {data[:40]!r}", start) from None


def read_objs(s: _Stream, n: int) -> ConstTable:
    start = s.pos
    values = [read_obj(s) for _ in range(n)]
    return ConstTable(values, s.data[start:s.pos])


class _FunReader:
    """Reads prelude fields from inside one function's fun_data."""

    def __init__(self, s: _Stream, data: bytes, base: int, pos: int, name: str) -> None:
        self.s, self.data, self.base, self.pos, self.name = s, data, base, pos, name

    def fail(self, reason: str) -> MpyFormatError:
        return self.s.fail(f"corrupt prelude of {self.name}: {reason}", self.base + self.pos)

    def byte(self) -> int:
        if self.pos >= len(self.data):
            raise self.fail("runs past the end of the function")
        b = self.data[self.pos]
        self.pos += 1
        return b

    def vuint(self) -> int:
        v = 0
        for _ in range(10):
            b = self.byte()
            v = (v << 7) | (b & 0x7F)
            if not b & 0x80:
                return v
        raise self.fail("bad variable-length integer")


# A frame holds n_state slots (locals and value stack) and n_exc_stack handler entries.
# mpy-cross sets n_state = locals + the deepest value stack (py/emitbc.c); every local is
# named in the prelude or touched by an instruction of at least one byte, and every pushed
# slot takes an instruction byte, so across all mpy-cross output n_state stays below the
# function's size (the largest ratio seen over MicroPython's whole test suite, compiled
# with every option, is 0.93). Twice the size plus 16 is clearly safe and bounds a frame
# (8 bytes a slot) to 16 bytes per byte of the file, where 2**30 slots were accepted before.
MAX_STATE = 65535


def state_budget(fun_len: int) -> int:
    """The most state slots a function of ``fun_len`` bytes may ask for."""
    return min(MAX_STATE, 2 * fun_len + 16)


def read_prelude(s: _Stream, data: bytes, base: int, start: int, qstrs: QstrTable) -> Prelude:
    """Decode MP_BC_PRELUDE_SIG / SIZE, source info and cell info (py/bc.h)."""
    r = _FunReader(s, data, base, start, "function")
    z = r.byte()
    S, E, F, A, K, D = (z >> 3) & 0xF, (z >> 2) & 1, 0, z & 3, 0, 0
    n = 0
    while z & 0x80:
        if n > 16:
            raise r.fail("signature too long")
        z = r.byte()
        S |= (z & 0x30) << (2 * n)
        E |= (z & 0x02) << n
        F |= ((z & 0x40) >> 6) << n
        A |= (z & 0x04) << n
        K |= ((z & 0x08) >> 3) << n
        D |= (z & 0x01) << n
        n += 1
    S += 1
    if S > state_budget(len(data)):
        raise r.fail(f"n_state {S} is more than a {len(data)}-byte function can use "
                     f"(at most {state_budget(len(data))})")
    if E > len(data):
        raise r.fail(f"n_exc_stack {E} is more than a {len(data)}-byte function can use")
    n_slots = A + K + bool(F & 0x04) + bool(F & 0x02)  # arguments, *args, **kwargs
    if n_slots > S:
        raise r.fail(f"{n_slots} argument slots do not fit the {S}-slot state")
    n_info = n_cell = 0
    n = 0
    while True:
        if n > 16:
            raise r.fail("size field too long")
        z = r.byte()
        n_info |= ((z & 0x7E) >> 1) << (6 * n)
        n_cell |= (z & 1) << n
        n += 1
        if not z & 0x80:
            break
    info_start = r.pos
    if info_start + n_info + n_cell > len(data):
        raise r.fail(f"source info ({n_info} bytes) and cells ({n_cell}) exceed the function")
    if A + K > n_info:
        raise r.fail(f"{A + K} argument names cannot fit in {n_info} bytes of source info")
    name_index = r.vuint()
    arg_indices = [r.vuint() for _ in range(A + K)]
    n_qstr = len(qstrs)
    for q in [name_index, *arg_indices]:
        if q >= n_qstr:
            raise r.fail(f"qstr index {q} out of range (table has {n_qstr})")
        # function and argument names come from identifiers (or are '<module>', '<lambda>',
        # '*'...): mpy-cross cannot write one with a NUL byte or invalid UTF-8
        if not qstrs.is_name(q):
            raise r.fail(f"qstr {q} is not a name (NUL byte or invalid UTF-8)")
    if r.pos > info_start + n_info:
        raise r.fail("names overrun the source info")
    if D > A:
        raise r.fail(f"{D} default arguments for {A} positional arguments")
    line_info = data[r.pos:info_start + n_info]
    cells = data[info_start + n_info:info_start + n_info + n_cell]
    for c in cells:
        if c >= S:
            raise r.fail(f"cell local {c} outside the {S}-slot state")
    return Prelude(S, E, F, A, K, D, n_info, n_cell, name_index, arg_indices, line_info,
                   cells, info_start + n_info + n_cell)


def read_raw_code(s: _Stream, module: MpyModule, depth: int = 0) -> RawCode:
    if depth > MAX_DEPTH:
        raise s.fail("corrupt: functions nested too deeply")
    start = s.pos
    kind_len = s.vuint("raw code header")
    kind = CodeKind(kind_len & 3)
    if depth == 0 and kind not in (CodeKind.BYTECODE, CodeKind.NATIVE):
        # module code is bytecode, or native with -X emit=native; viper and asm code only
        # ever come from decorated functions
        raise s.fail(f"corrupt: the module's code is {kind.name.lower()} code", start)
    has_children = bool(kind_len & 4)
    fun_len = kind_len >> 3
    file_offset = s.pos
    fun_data = s.take(fun_len, f"{kind.name.lower()} function body")
    rc = RawCode(kind, fun_data, file_offset)
    flags = module.header.scope_flags
    if kind is CodeKind.BYTECODE:
        rc.prelude = read_prelude(s, fun_data, file_offset, 0, module.qstrs)
    elif kind is CodeKind.NATIVE:
        if module.header.arch == 0:
            raise s.fail("corrupt: native code in a file with no architecture", start)
        rc.prelude_offset = s.vuint("native prelude offset")
        if rc.prelude_offset >= fun_len:
            raise s.fail(f"corrupt: native prelude offset {rc.prelude_offset} outside the code")
        rc.prelude = read_prelude(s, fun_data, file_offset, rc.prelude_offset, module.qstrs)
    else:
        if module.header.arch == 0:
            raise s.fail(f"corrupt: {kind.name.lower()} code in a file with no architecture", start)
        rc.scope_flags = s.vuint("scope flags")
        if kind is CodeKind.VIPER:
            if rc.scope_flags & flags.VIPERRODATA:
                rc.rodata_size = s.count("viper rodata size", 0)
            if rc.scope_flags & flags.VIPERBSS:
                rc.bss_size = s.vuint("viper bss size")
            if rc.rodata_size:
                rc.rodata = s.take(rc.rodata_size, "viper rodata")
            if rc.scope_flags & flags.VIPERRELOC:
                rc.relocations = read_relocations(s)
        else:
            rc.n_pos_args = s.vuint("asm argument count")
            rc.type_sig = s.vuint("asm type signature")
    rc.name = module.qstrs.texts[rc.prelude.name_index] if rc.prelude else _guess_name(rc)
    if has_children:
        n = s.count("child count", 2)
        rc.children = [read_raw_code(s, module, depth + 1) for _ in range(n)]
        if n == 0:
            raise s.fail("corrupt: children flag set with zero children")
    if kind is CodeKind.BYTECODE:
        _check_code(s, rc, module)
    return rc


def _check_code(s: _Stream, rc: RawCode, module: MpyModule) -> None:
    """Validate a bytecode function's instructions against its tables and prelude."""
    p = rc.prelude
    base = rc.file_offset + p.code_start

    def fail(reason: str, offset: int) -> MpyFormatError:
        return s.fail(f"corrupt bytecode in {rc.name} at bc={offset}: {reason}", base + offset)

    limits = CodeLimits(len(module.qstrs), module.qstrs.is_name, len(module.objs),
                        len(rc.children), p.n_state, p.n_exc_stack, bool(p.scope_flags & 0x01))
    code = rc.bytecode
    n_locals = check_bytecode(code, limits, fail)
    n_args = (p.n_pos_args + p.n_kwonly_args + bool(p.scope_flags & 0x04)
              + bool(p.scope_flags & 0x02))
    check_stack(code, limits, fail, max(n_locals, n_args, max(p.cells, default=-1) + 1))


def _guess_name(rc: RawCode) -> str:
    return f"<{rc.kind.name.lower()} code>"


def read_relocations(s: _Stream) -> bytes:
    start = s.pos
    while True:
        op = s.byte("relocation records")
        if op == 0xFF:
            return s.data[start:s.pos]
        if op & 1:
            s.vuint("relocation address")
        op >>= 1
        if op <= 5 and op & 1:
            s.vuint("relocation count")


def read_mpy(data: bytes, filename: str = "<mpy>") -> MpyModule:
    """Parse a whole .mpy file. Raises MpyFormatError on any problem."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError("read_mpy expects bytes")
    if len(data) >= 2 and data[0] in (0x4D, 0x43) and data[1] in (3, 4, 5):
        # read as the version-6 file with the same code
        if data[1] == 5:
            from .older import upgrade_v5_layout as upgrade
        else:
            from .older34 import upgrade_v34_layout as upgrade
        v6, layout = upgrade(bytes(data), filename)
        module = read_mpy(v6, filename)
        module.upgraded_from = data[1]
        module.old_layout = layout  # write_mpy gives the file back in its own version
        return module
    s = _Stream(bytes(data), filename)
    header = read_header(s)
    n_qstr = s.count("qstr count")
    n_obj = s.count("object count")
    if n_qstr == 0:
        raise s.fail("corrupt: empty qstr table (the source file name is missing)")
    qstrs = read_qstrs(s, n_qstr)
    objs = read_objs(s, n_obj)
    module = MpyModule(header, qstrs, objs, RawCode(CodeKind.BYTECODE, b""), filename)
    module.root = read_raw_code(s, module)
    module.trailing = s.data[s.pos:]  # MicroPython ignores bytes after the module; keep them
    return module


def read_mpy_file(path: str) -> MpyModule:
    """Read and parse a .mpy file from disk (OSError is the caller's to report)."""
    with open(path, "rb") as f:
        return read_mpy(f.read(), path)
