"""Versions 3 and 4 of .mpy, read by converting them to version 6 (through older.py's writer).

Version 3 (MicroPython 1.9.3-1.10, CircuitPython 3-6) and version 4 (MicroPython 1.11) share
an opcode numbering that MicroPython 1.12 replaced (``py/bc0.h`` at those tags); what else
differs from version 5 (``py/persistentcode.c``, ``py/bc.c``, ``py/runtime0.h``):

* the prelude is plain fields (``n_state``, ``n_exc_stack`` as vuints; scope flags and the
  three argument counts as bytes), then the code info with its own size and two placeholder
  bytes each for the name and source qstrs, then the closure cells ended by 255;
* scope flags number varargs 1 and generator 4 (version 5 swapped them); binary operators
  lack the two ``@`` ones, so in-place floor division onwards sit one or two lower;
* ``RAISE_VARARGS n`` is one opcode (1.12 split it into RAISE_LAST/OBJ/FROM);
* version 3 ends try bodies and except handlers with ``POP_BLOCK``/``POP_EXCEPT`` followed by a
  jump (1.11 merged the pair into ``POP_EXCEPT_JUMP``), and pops a finally's block before falling
  into it, where 1.11 leaves it for ``END_FINALLY`` to pop (commits e1fb03f3 and 5a2599d9): the
  conversion rewrites those sequences into what 1.11's compiler emits for the same source;
* version 3 stores each function's bytecode whole (qstr operands as two placeholder bytes)
  followed by its qstrs as length-prefixed text, in order; version 4 writes each qstr where it
  is used, through the same 32-entry window as version 5.
"""

from __future__ import annotations

from .errors import MpyFormatError
from .older import MAX_DEPTH, OldLayout, _In, _Out, _obj_bytes, _qstr_bytes, _write_fn, _Fn
from .opcodes import Arg, OPCODES
from .writer import encode_prelude_sig, encode_vuint

_V6 = {i.name: i for i in OPCODES}

# version 3/4 opcode byte -> (version-6 name, operand format: B byte, Q qstr, V varint, O offset)
_OLD = {
    0x10: ("LOAD_CONST_FALSE", "B"), 0x11: ("LOAD_CONST_NONE", "B"), 0x12: ("LOAD_CONST_TRUE", "B"),
    0x14: ("LOAD_CONST_SMALL_INT", "V"), 0x16: ("LOAD_CONST_STRING", "Q"),
    0x17: ("LOAD_CONST_OBJ", "V"), 0x18: ("LOAD_NULL", "B"), 0x19: ("LOAD_FAST_N", "V"),
    0x1A: ("LOAD_DEREF", "V"), 0x1B: ("LOAD_NAME", "Q"), 0x1C: ("LOAD_GLOBAL", "Q"),
    0x1D: ("LOAD_ATTR", "Q"), 0x1E: ("LOAD_METHOD", "Q"), 0x1F: ("LOAD_SUPER_METHOD", "Q"),
    0x20: ("LOAD_BUILD_CLASS", "B"), 0x21: ("LOAD_SUBSCR", "B"), 0x22: ("STORE_FAST_N", "V"),
    0x23: ("STORE_DEREF", "V"), 0x24: ("STORE_NAME", "Q"), 0x25: ("STORE_GLOBAL", "Q"),
    0x26: ("STORE_ATTR", "Q"), 0x27: ("STORE_SUBSCR", "B"), 0x28: ("DELETE_FAST", "V"),
    0x29: ("DELETE_DEREF", "V"), 0x2A: ("DELETE_NAME", "Q"), 0x2B: ("DELETE_GLOBAL", "Q"),
    0x30: ("DUP_TOP", "B"), 0x31: ("DUP_TOP_TWO", "B"), 0x32: ("POP_TOP", "B"),
    0x33: ("ROT_TWO", "B"), 0x34: ("ROT_THREE", "B"), 0x35: ("JUMP", "O"),
    0x36: ("POP_JUMP_IF_TRUE", "O"), 0x37: ("POP_JUMP_IF_FALSE", "O"),
    0x38: ("JUMP_IF_TRUE_OR_POP", "O"), 0x39: ("JUMP_IF_FALSE_OR_POP", "O"),
    0x3D: ("SETUP_WITH", "O"), 0x3E: ("WITH_CLEANUP", "B"), 0x3F: ("SETUP_EXCEPT", "O"),
    0x40: ("SETUP_FINALLY", "O"), 0x41: ("END_FINALLY", "B"), 0x42: ("GET_ITER", "B"),
    0x43: ("FOR_ITER", "O"), 0x46: ("UNWIND_JUMP", "O"), 0x47: ("GET_ITER_STACK", "B"),
    0x50: ("BUILD_TUPLE", "V"), 0x51: ("BUILD_LIST", "V"), 0x53: ("BUILD_MAP", "V"),
    0x54: ("STORE_MAP", "B"), 0x56: ("BUILD_SET", "V"), 0x57: ("STORE_COMP", "V"),
    0x58: ("BUILD_SLICE", "V"), 0x59: ("UNPACK_SEQUENCE", "V"), 0x5A: ("UNPACK_EX", "V"),
    0x5B: ("RETURN_VALUE", "B"), 0x5C: ("RAISE_VARARGS", "B"), 0x5D: ("YIELD_VALUE", "B"),
    0x5E: ("YIELD_FROM", "B"), 0x60: ("MAKE_FUNCTION", "V"), 0x61: ("MAKE_FUNCTION_DEFARGS", "V"),
    0x62: ("MAKE_CLOSURE", "V"), 0x63: ("MAKE_CLOSURE_DEFARGS", "V"),
    0x64: ("CALL_FUNCTION", "V"), 0x65: ("CALL_FUNCTION_VAR_KW", "V"), 0x66: ("CALL_METHOD", "V"),
    0x67: ("CALL_METHOD_VAR_KW", "V"), 0x68: ("IMPORT_NAME", "Q"), 0x69: ("IMPORT_FROM", "Q"),
    0x6A: ("IMPORT_STAR", "B"),
}
_OLD_V3 = {0x44: ("POP_BLOCK", "B"), 0x45: ("POP_EXCEPT", "B")}
_OLD_V4 = {0x44: ("POP_EXCEPT_JUMP", "O")}
_SIGNED = {"JUMP", "POP_JUMP_IF_TRUE", "POP_JUMP_IF_FALSE", "JUMP_IF_TRUE_OR_POP",
           "JUMP_IF_FALSE_OR_POP", "UNWIND_JUMP"}
_CACHED = {"LOAD_NAME", "LOAD_GLOBAL", "LOAD_ATTR", "STORE_ATTR"}
_EXTRA = {"MAKE_CLOSURE", "MAKE_CLOSURE_DEFARGS", "RAISE_VARARGS", "UNWIND_JUMP"}
_RAISE = ("RAISE_LAST", "RAISE_OBJ", "RAISE_FROM")
_N_UNARY, _N_BINARY = 4, 33


def _binary_v6(k: int) -> int:
    """An old binary operator's number in version 6 (1.12 added INPLACE_MAT_MULTIPLY at 17 and
    MAT_MULTIPLY after MULTIPLY)."""
    return k if k <= 16 else k + 1 if k <= 28 else k + 2


def _scope_flags_v6(old: int) -> int:
    varargs, varkw, gen, defkw = old & 1, old & 2, old & 4, old & 8
    return (4 if varargs else 0) | varkw | (1 if gen else 0) | defkw


class _In3(_In):
    """A version-3 stream: every qstr is its length and text (no window, no static ones)."""

    __slots__ = ()

    def fail(self, reason: str, at: int | None = None) -> MpyFormatError:
        return MpyFormatError(f"corrupt .mpy v3: {reason}",
                              self.pos if at is None else at, self.filename)

    def _qstr(self) -> str:
        n = self.vuint()
        return self.take(n).decode("utf-8", "surrogateescape")


class _In4(_In):
    __slots__ = ()

    def fail(self, reason: str, at: int | None = None) -> MpyFormatError:
        return MpyFormatError(f"corrupt .mpy v4: {reason}", self.pos if at is None else at,
                              self.filename)


def _decode_op(read, op: int, table: dict, cached: bool, qstr) -> tuple:
    """(version-6 info or old name, v6 op byte, kind, value, raw varint bytes, extra, size in
    memory) for one old instruction; ``read()`` gives the next byte, ``qstr()`` the operand."""
    if 0x70 <= op < 0xB0:
        return _V6["LOAD_CONST_SMALL_INT_MULTI"], op, Arg.NONE, None, b"", None, 1
    if 0xB0 <= op < 0xD0:  # LOAD_FAST_MULTI, STORE_FAST_MULTI: the same bytes
        name = "LOAD_FAST_MULTI" if op < 0xC0 else "STORE_FAST_MULTI"
        return _V6[name], op, Arg.NONE, None, b"", None, 1
    if 0xD0 <= op < 0xD0 + _N_UNARY:
        return _V6["UNARY_OP_MULTI"], op, Arg.NONE, None, b"", None, 1
    if 0xD7 <= op < 0xD7 + _N_BINARY:
        return _V6["BINARY_OP_MULTI"], 0xD7 + _binary_v6(op - 0xD7), Arg.NONE, None, b"", None, 1
    entry = table.get(op) or _OLD.get(op)
    if entry is None:
        raise ValueError(f"unknown opcode 0x{op:02x}")
    name, fmt = entry
    size = 1
    value, raw, extra = None, b"", None
    if fmt == "Q":
        value = qstr()
        size += 2
        if cached and name in _CACHED:
            read()  # the map-lookup cache byte: version 6 has none
            size += 1
    elif fmt == "O":
        v = read() | read() << 8
        value = v - 0x8000 if name in _SIGNED else v
        size += 2
    elif fmt == "V":
        b = read()
        raw = bytearray((b,))
        while b & 0x80:
            b = read()
            raw.append(b)
        raw = bytes(raw)
        size += len(raw)
        if name in ("LOAD_CONST_OBJ", "MAKE_FUNCTION", "MAKE_FUNCTION_DEFARGS", "MAKE_CLOSURE",
                    "MAKE_CLOSURE_DEFARGS"):
            value = 0
            for c in raw:
                value = value << 7 | (c & 0x7F)
    if name in _EXTRA:
        extra = read()
        size += 1
    if name == "RAISE_VARARGS":
        if extra > 2:
            raise ValueError(f"RAISE_VARARGS {extra}")
        info = _V6[_RAISE[extra]]
        return info, info.byte, Arg.NONE, None, b"", None, size
    info = _V6.get(name)
    if info is None:  # POP_BLOCK / POP_EXCEPT: rewritten by _restructure
        return name, None, Arg.NONE, None, b"", None, size
    return info, info.byte, info.arg, value, raw, extra, size


def _prelude(data: bytes, at: int, fail) -> tuple:
    """Parse an old prelude at ``data[at:]``: (fields, code info start, end of code info, cells,
    bytecode start)."""
    pos = at

    def vuint() -> int:
        nonlocal pos
        v = 0
        while True:
            if pos >= len(data):
                raise fail("prelude runs past the function")
            b = data[pos]
            pos += 1
            v = v << 7 | (b & 0x7F)
            if not b & 0x80:
                return v

    n_state, n_exc = vuint(), vuint()
    if pos + 4 > len(data):
        raise fail("prelude runs past the function")
    flags, n_pos, n_kw, n_def = data[pos:pos + 4]
    pos += 4
    info_start = pos
    info_size = vuint()
    names_at = pos
    info_end = info_start + info_size
    if info_end > len(data) or info_end < names_at + 4:
        raise fail("code info size outside the function")
    cells = bytearray()
    pos = info_end
    while True:
        if pos >= len(data):
            raise fail("closure cell list runs past the function")
        b = data[pos]
        pos += 1
        if b == 255:
            break
        cells.append(b)
    fields = (n_state, n_exc, flags, n_pos, n_kw, n_def)
    return fields, names_at, info_end, bytes(cells), pos


def _fill(fn: _Fn, fields: tuple, line_info: bytes, cells: bytes) -> None:
    n_state, n_exc, flags, n_pos, n_kw, n_def = fields
    fn.sig = encode_prelude_sig(n_state, n_exc, _scope_flags_v6(flags), n_pos, n_kw, n_def)
    fn.n_args = n_pos + n_kw
    fn.line_info = line_info
    fn.cells = cells
    # the line table's offsets start at the cell list (its 255 included), not the bytecode
    fn.line_shift = len(cells) + 1


def _decode_body(fn: _Fn, read, code_len: int, table: dict, cached: bool, qstr) -> None:
    off = 0
    while off < code_len:
        op = read()
        info, byte, kind, value, raw, extra, size = _decode_op(read, op, table, cached, qstr)
        fn.code.append([off, info, byte, kind, value, raw, extra])
        off += size
    if off != code_len:
        raise ValueError("bytecode overruns its function")
    fn.code_len = code_len


def _read_fn3(s: _In3, cached: bool, depth: int = 0) -> _Fn:
    if depth > MAX_DEPTH:
        raise s.fail("functions nested too deeply")
    bc_len = s.vuint()
    start = s.pos
    blob = s.take(bc_len)
    fn = _Fn()
    fields, names_at, info_end, cells, code_at = _prelude(blob, 0, lambda r: s.fail(r, start))
    if fields[0] < 1:
        raise s.fail("n_state 0", start)
    _fill(fn, fields, blob[names_at + 4:info_end], cells)
    # the bytecode, with each qstr operand left as a slot filled from the stream afterwards
    slots: list = []
    pos = code_at

    def read() -> int:
        nonlocal pos
        if pos >= len(blob):
            raise ValueError("bytecode runs past the function")
        pos += 1
        return blob[pos - 1]

    def slot() -> list:
        nonlocal pos
        pos += 2
        slots.append(len(fn.code))
        return None

    try:
        _decode_body(fn, read, bc_len - code_at, _OLD_V3, cached, slot)
    except ValueError as e:
        raise s.fail(str(e), start + pos) from None
    fn.name = s.qstr()
    fn.source = s.qstr()
    for k in slots:
        fn.code[k][4] = s.qstr()
    _constants(s, fn, cached, depth, _read_fn3)
    return fn


def _read_fn4(s: _In4, cached: bool, depth: int = 0) -> _Fn:
    if depth > MAX_DEPTH:
        raise s.fail("functions nested too deeply")
    start = s.pos
    kind_len = s.vuint()
    if kind_len & 3:
        raise MpyFormatError("native, viper or asm code in a version-4 .mpy is not supported "
                             "(it was made for MicroPython's runtime)", start, s.filename)
    fun_len = kind_len >> 2
    head = bytearray()
    for _ in range(2):  # n_state, n_exc_stack
        while True:
            b = s.byte()
            head.append(b)
            if not b & 0x80:
                break
    head += s.take(4)
    size_at = len(head)
    while True:
        b = s.byte()
        head.append(b)
        if not b & 0x80:
            break
    info_size = 0
    for c in head[size_at:]:
        info_size = info_size << 7 | (c & 0x7F)
    rest = info_size - (len(head) - size_at)
    if rest < 4:
        raise s.fail("code info shorter than its two qstrs", start)
    head += s.take(rest)
    while True:
        b = s.byte()
        head.append(b)
        if b == 255:
            break
    fn = _Fn()
    fields, names_at, info_end, cells, code_at = _prelude(bytes(head), 0,
                                                          lambda r: s.fail(r, start))
    if fields[0] < 1:
        raise s.fail("n_state 0", start)
    _fill(fn, fields, bytes(head[names_at + 4:info_end]), cells)
    try:
        _decode_body(fn, s.byte, fun_len - code_at, _OLD_V4, cached, s.qstr)
    except ValueError as e:
        raise s.fail(str(e)) from None
    fn.name = s.qstr()
    fn.source = s.qstr()
    _constants(s, fn, cached, depth, _read_fn4)
    return fn


def _constants(s, fn: _Fn, cached: bool, depth: int, read_fn) -> None:
    n_obj = s.vuint()
    n_raw = s.vuint()
    fn.arg_names = [s.qstr() for _ in range(fn.n_args)]
    fn.objs = [s.obj() for _ in range(n_obj)]
    fn.children = [read_fn(s, cached, depth + 1) for _ in range(n_raw)]


def _restructure(fn: _Fn) -> None:
    """Version 3's POP_BLOCK/POP_EXCEPT into 1.11's form: with the jump that follows, one
    POP_EXCEPT_JUMP; a POP_BLOCK before a finally (or a with's cleanup) goes, as END_FINALLY pops
    the block; an ``except ... as`` handler's POP_EXCEPT moves to the jump after the name's
    cleanup (its END_FINALLY)."""
    code = fn.code
    pej = _V6["POP_EXCEPT_JUMP"]
    for k, ins in enumerate(code):
        if ins[1] not in ("POP_BLOCK", "POP_EXCEPT"):
            continue
        kind = ins[1]
        ins[1], ins[2] = None, None  # deleted: jumps to it land on what follows
        nxt = code[k + 1] if k + 1 < len(code) else None
        if nxt is not None and nxt[1] is _V6["JUMP"]:
            nxt[1], nxt[2], nxt[3] = pej, pej.byte, pej.arg
        elif kind == "POP_EXCEPT":
            j = next((i for i in range(k + 1, len(code) - 1)
                      if code[i][1] is _V6["END_FINALLY"]), None)
            if j is None or code[j + 1][1] is not _V6["JUMP"]:
                raise ValueError("POP_EXCEPT without the jump that ends its handler")
            code[j + 1][1], code[j + 1][2], code[j + 1][3] = pej, pej.byte, pej.arg
    for child in fn.children:
        _restructure(child)


def upgrade_v34(data: bytes, filename: str = "<mpy>") -> bytes:
    """The version-6 .mpy with the same code as version-3 or version-4 ``data``."""
    return upgrade_v34_layout(data, filename)[0]


def upgrade_v34_layout(data: bytes, filename: str = "<mpy>") -> tuple[bytes, OldLayout]:
    """(the version-6 bytes, the file's layout for writing it back)."""
    data = bytes(data)
    version = data[1] if len(data) > 1 else 0
    s = (_In3 if version == 3 else _In4)(data, filename)
    if len(data) < 4:
        raise s.fail("truncated header", 0)
    magic, version, feature, small_int_bits = s.take(4)
    if feature >> 2:
        raise MpyFormatError(f"a version-{version} .mpy for a native architecture is not "
                             "supported (its machine code was made for MicroPython's runtime)",
                             2, filename)
    if version == 4:
        s.window_size = s.vuint()
        if s.window_size > 32:
            raise s.fail(f"qstr window of {s.window_size} entries (MicroPython allows 32)", 4)
    cached = bool(feature & 1)
    root = (_read_fn3 if version == 3 else _read_fn4)(s, cached)
    try:
        if version == 3:
            _restructure(root)
        out = _Out(root.source)
        body = _write_fn(root, out)
    except (MpyFormatError, ValueError) as e:
        reason = e.reason if isinstance(e, MpyFormatError) else str(e)
        raise MpyFormatError(f"corrupt .mpy v{version}: {reason}", 0, filename) from None
    header = bytes((magic, 6, 0, small_int_bits))
    v6 = (header + encode_vuint(len(out.qstrs)) + encode_vuint(len(out.objs))
          + b"".join(_qstr_bytes(q) for q in out.qstrs)
          + b"".join(_obj_bytes(o) for o in out.objs) + body)
    return v6, OldLayout(version, data, s.spans, s.window_size)
