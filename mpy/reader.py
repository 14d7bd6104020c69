"""Reads .mpy version 6 files (MicroPython 1.19-1.29, CircuitPython 9-10) into an MpyModule.

Follows the code of MicroPython's ``py/persistentcode.c`` and ``tools/mpy-tool.py``.
Every problem raises MpyFormatError naming the file, the byte offset and the reason;
no other exception escapes (sizes are checked against the bytes left before use).
"""

from __future__ import annotations

from .bytecode import decode_function
from .errors import MpyFormatError
from .model import CodeKind, Constant, Header, MpyModule, Prelude, Qstr, RawCode, ARCH_NAMES
from .qstrs import STATIC_QSTRS

SUPPORTED_VERSION = 6
MAX_SUB_VERSION = 3
MAX_DEPTH = 200  # nesting of raw codes and constant tuples

OBJ_FUN_TABLE, OBJ_NONE, OBJ_FALSE, OBJ_TRUE, OBJ_ELLIPSIS = 0, 1, 2, 3, 4
OBJ_STR, OBJ_BYTES, OBJ_INT, OBJ_FLOAT, OBJ_COMPLEX, OBJ_TUPLE = 5, 6, 7, 8, 9, 10
OBJ_TAG_NAMES = ("fun_table", "None", "False", "True", "Ellipsis", "str", "bytes", "int",
                 "float", "complex", "tuple")

_OLD_VERSIONS = {
    5: "MicroPython 1.12-1.18 / CircuitPython 7-8",
    4: "MicroPython 1.11",
    3: "MicroPython 1.9.3-1.10 / CircuitPython 3-6",
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

    def byte(self, what: str) -> int:
        if self.pos >= len(self.data):
            raise self.fail(f"truncated: file ends inside {what}")
        b = self.data[self.pos]
        self.pos += 1
        return b

    def take(self, n: int, what: str) -> bytes:
        if n > len(self.data) - self.pos:
            raise self.fail(f"truncated: {what} needs {n} bytes, {self.left()} left")
        b = self.data[self.pos:self.pos + n]
        self.pos += n
        return b

    def vuint(self, what: str) -> int:
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
                         f"only version 6 is supported so far", 1)
        raise s.fail(f"incompatible .mpy version {version}: only version 6 is supported", 1)
    arch = (feature >> 2) & 0x0F
    if feature & 0x80 or arch >= len(ARCH_NAMES):
        raise s.fail(f"incompatible .mpy arch: unknown feature byte 0x{feature:02x}", 2)
    if not 1 <= small_int_bits <= 64:
        raise s.fail(f"incompatible .mpy file: small-int bits {small_int_bits}", 3)
    header = Header(chr(magic), version, feature, small_int_bits)
    if feature & 0x40:
        header.arch_flags = s.vuint("arch flags")
    return header


def read_qstr(s: _Stream) -> Qstr:
    start = s.pos
    n = s.vuint("qstr")
    if n & 1:
        number = n >> 1
        if not 1 <= number <= len(STATIC_QSTRS):
            raise s.fail(f"corrupt: static qstr number {number} out of range", start)
        return Qstr(STATIC_QSTRS[number - 1], static=number)
    data = s.take(n >> 1, "qstr")
    if s.byte("qstr terminator") != 0:
        raise s.fail("corrupt: qstr is not NUL-terminated", s.pos - 1)
    return Qstr(data.decode("utf-8", "surrogateescape"), data=data)


def _parse_int(text: bytes) -> int:
    digits = text.decode("ascii")
    neg = digits.startswith("-")
    body = digits[1:] if neg else digits
    if not body or not body.isdigit() or not body.isascii():
        raise ValueError(digits)
    value = 0
    for i in range(0, len(body), 4000):  # stay under CPython's int-from-str digit limit
        chunk = body[i:i + 4000]
        value = value * 10 ** len(chunk) + int(chunk)
    return -value if neg else value


def read_obj(s: _Stream, depth: int = 0) -> Constant:
    if depth > MAX_DEPTH:
        raise s.fail("corrupt: constant tuples nested too deeply")
    start = s.pos
    tag = s.byte("constant tag")
    if tag <= OBJ_ELLIPSIS:
        return Constant(tag, (None, None, False, True, Ellipsis)[tag])
    if tag == OBJ_TUPLE:
        n = s.count("tuple length")
        items = [read_obj(s, depth + 1) for _ in range(n)]
        return Constant(tag, tuple(i.value for i in items), items=items)
    if tag > OBJ_TUPLE:
        raise s.fail(f"corrupt: unknown constant tag {tag}", start)
    n = s.count(f"{OBJ_TAG_NAMES[tag]} length")
    data = s.take(n, OBJ_TAG_NAMES[tag])
    if tag in (OBJ_STR, OBJ_BYTES):
        if s.byte("constant terminator") != 0:
            raise s.fail(f"corrupt: {OBJ_TAG_NAMES[tag]} constant is not NUL-terminated", s.pos - 1)
        value = data.decode("utf-8", "surrogateescape") if tag == OBJ_STR else data
        return Constant(tag, value)
    try:
        if tag == OBJ_INT:
            value = _parse_int(data)
        elif tag == OBJ_FLOAT:
            value = float(data.decode("ascii"))
        else:
            value = complex(data.decode("ascii"))
    except (ValueError, UnicodeDecodeError):
        raise s.fail(f"corrupt: bad {OBJ_TAG_NAMES[tag]} constant {data[:40]!r}", start) from None
    return Constant(tag, value, text=data)


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


def read_prelude(s: _Stream, data: bytes, base: int, start: int, n_qstr: int) -> Prelude:
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
    for q in [name_index, *arg_indices]:
        if q >= n_qstr:
            raise r.fail(f"qstr index {q} out of range (table has {n_qstr})")
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
    has_children = bool(kind_len & 4)
    fun_len = kind_len >> 3
    file_offset = s.pos
    fun_data = s.take(fun_len, f"{kind.name.lower()} function body")
    rc = RawCode(kind, fun_data, file_offset)
    flags = module.header.scope_flags
    n_qstr = len(module.qstrs)
    if kind is CodeKind.BYTECODE:
        rc.prelude = read_prelude(s, fun_data, file_offset, 0, n_qstr)
    elif kind is CodeKind.NATIVE:
        if module.header.arch == 0:
            raise s.fail("corrupt: native code in a file with no architecture", start)
        rc.prelude_offset = s.vuint("native prelude offset")
        if rc.prelude_offset >= fun_len:
            raise s.fail(f"corrupt: native prelude offset {rc.prelude_offset} outside the code")
        rc.prelude = read_prelude(s, fun_data, file_offset, rc.prelude_offset, n_qstr)
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
    rc.name = module.qstrs[rc.prelude.name_index].text if rc.prelude else _guess_name(rc)
    if has_children:
        n = s.count("child count", 2)
        rc.children = [read_raw_code(s, module, depth + 1) for _ in range(n)]
        if n == 0:
            raise s.fail("corrupt: children flag set with zero children")
    if kind is CodeKind.BYTECODE:
        decode_function(rc, module, s.fail)  # validates every instruction and its operands
    return rc


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
    s = _Stream(bytes(data), filename)
    header = read_header(s)
    n_qstr = s.count("qstr count")
    n_obj = s.count("object count")
    if n_qstr == 0:
        raise s.fail("corrupt: empty qstr table (the source file name is missing)")
    qstrs = [read_qstr(s) for _ in range(n_qstr)]
    objs = [read_obj(s) for _ in range(n_obj)]
    module = MpyModule(header, qstrs, objs, RawCode(CodeKind.BYTECODE, b""), filename)
    module.root = read_raw_code(s, module)
    module.trailing = s.data[s.pos:]  # MicroPython ignores bytes after the module; keep them
    return module


def read_mpy_file(path: str) -> MpyModule:
    """Read and parse a .mpy file from disk (OSError is the caller's to report)."""
    with open(path, "rb") as f:
        return read_mpy(f.read(), path)
