"""Older .mpy versions, read by converting them to version 6.

Version 5 (MicroPython 1.12-1.18, CircuitPython 7-8) has the same opcodes, prelude signature
and line-number encoding as version 6; what differs (``py/persistentcode.c`` and
``py/bc0.h`` at tag v1.18 against v1.19) is the container:

* qstrs are written where they are used, through a window of recent ones (``load_qstr``:
  ``0, n`` a static qstr, odd ``2k+1`` the k-th most recent, even ``2n`` n bytes of text),
  not in one table at the start;
* a function's constants (argument names, objects, then child functions) follow its code,
  and the bytecode refers to objects and children by their index in that list (argument
  names first), where version 6 uses the module's object table and the function's child list;
* the prelude holds the function's name and source file as qstrs (two bytes each once
  loaded), where version 6 holds the name's and the arguments' qstr-table indices;
* jumps are two bytes, signed ones in excess 0x8000, where version 6 has one or two.

:func:`upgrade_v5` writes the version-6 file with the same code: the module's qstr and
object tables are gathered, each function's bytecode is re-encoded instruction by
instruction (jumps always in their two-byte form, so only object and qstr operands can
change size), jump targets and the line-number table follow the new offsets.
"""

from __future__ import annotations

from .errors import MpyFormatError
from .reader import _Stream
from .opcodes import Arg, OPCODES
from .qstrs import STATIC_QSTRS
from .writer import encode_vuint

_BY_BYTE = {}
for _info in OPCODES:
    for _b in range(_info.byte, _info.byte + _info.count):
        _BY_BYTE[_b] = _info

_BUILD_TUPLE = next(i.byte for i in OPCODES if i.name == "BUILD_TUPLE")
# version 5's jumps: signed ones (in excess 0x8000) and unsigned ones (py/bc0.h, v1.18)
_SIGNED_V5 = {"JUMP", "POP_JUMP_IF_TRUE", "POP_JUMP_IF_FALSE", "JUMP_IF_TRUE_OR_POP",
              "JUMP_IF_FALSE_OR_POP", "UNWIND_JUMP"}
_CACHED_V5 = {"LOAD_NAME", "LOAD_GLOBAL", "LOAD_ATTR", "STORE_ATTR"}  # feature bit 0's byte
MAX_DEPTH = 200


class _In(_Stream):
    """A version-5 byte stream (reader's cursor) with its qstr window."""

    __slots__ = ("window", "window_size", "spans")

    def __init__(self, data: bytes, filename: str) -> None:
        super().__init__(data, filename)
        self.window: list[str] = []
        self.window_size = 0
        self.spans: list[tuple[int, int, str]] = []  # where each qstr was: (start, end, text)

    def qstr(self) -> str:
        start = self.pos
        text = self._qstr()
        self.spans.append((start, self.pos, text))
        return text

    def fail(self, reason: str, at: int | None = None) -> MpyFormatError:
        return super().fail(f"corrupt .mpy v5: {reason}", at)

    def _qstr(self) -> str:
        n = self.vuint()
        if n == 0:  # a static qstr (the same list as version 6's)
            k = self.byte()
            if not 1 <= k <= len(STATIC_QSTRS):
                raise self.fail(f"static qstr {k} unknown")
            return STATIC_QSTRS[k - 1]
        if n & 1:  # the (n >> 1)-th most recent qstr: it moves to the front
            k = n >> 1
            if k >= len(self.window):
                raise self.fail(f"qstr window index {k} beyond its {len(self.window)} entries")
            q = self.window.pop(k)
            self.window.insert(0, q)
            return q
        text = self.take(n >> 1).decode("utf-8", "surrogateescape")
        self.window.insert(0, text)
        del self.window[self.window_size:]
        return text

    def obj(self):
        tag = chr(self.byte())
        if tag == "e":
            return ("e", b"")
        n = self.vuint()
        raw = self.take(n)
        if tag not in "sbifc":
            raise self.fail(f"unknown constant type {tag!r}")
        return (tag, raw)


class _Fn:
    """A version-5 bytecode function, decoded."""

    def __init__(self) -> None:
        self.sig = b""
        self.n_info = self.n_cell = 0
        self.name = ""
        self.line_info = b""
        self.cells = b""
        self.code: list = []  # (offset, opinfo, op byte, kind, value, size, extra)
        self.code_len = 0
        self.n_args = 0
        self.arg_names: list[str] = []
        self.objs: list = []
        self.children: list = []
        self.line_shift = 0  # versions 3-4 count line offsets from the closure cell list


def _sig_fields(sig: bytes) -> tuple:
    z = sig[0]
    S, E, F, A, K, D = (z >> 3) & 0xF, (z >> 2) & 1, 0, z & 3, 0, 0
    for n, z in enumerate(sig[1:]):
        S |= (z & 0x30) << (2 * n)
        E |= (z & 0x02) << n
        F |= ((z & 0x40) >> 6) << n
        A |= (z & 0x04) << n
        K |= ((z & 0x08) >> 3) << n
        D |= (z & 0x01) << n
    return S + 1, E, F, A, K, D


def _read_fn(s: _In, cached: bool, depth: int = 0) -> _Fn:
    if depth > MAX_DEPTH:
        raise s.fail("functions nested too deeply")
    start = s.pos
    kind_len = s.vuint()
    if kind_len & 3:
        raise MpyFormatError("native, viper or asm code in a version-5 .mpy is not supported "
                             "(it was made for MicroPython's runtime)", start, s.filename)
    fun_len = kind_len >> 2
    fn = _Fn()
    # prelude: signature and size bytes as they are, then the two qstrs, then the rest
    sig = bytearray()
    while True:
        b = s.byte()
        sig.append(b)
        if not b & 0x80:
            break
        if len(sig) > 16:
            raise s.fail("prelude signature too long")
    fn.sig = bytes(sig)
    n_size = 0
    n_info = n_cell = 0
    while True:
        z = s.byte()
        n_info |= ((z & 0x7E) >> 1) << (6 * n_size)
        n_cell |= (z & 1) << n_size
        n_size += 1
        if not z & 0x80:
            break
        if n_size > 16:
            raise s.fail("prelude size too long")
    fn.name = s.qstr()
    s.qstr()  # the source file: version 6 keeps one per module
    if n_info < 4:
        raise s.fail("prelude source info shorter than its two qstrs")
    fn.line_info = s.take(n_info - 4)
    fn.cells = s.take(n_cell)
    S, E, F, A, K, D = _sig_fields(fn.sig)
    fn.n_args = A + K
    prelude_len = len(fn.sig) + n_size + n_info + n_cell
    code_len = fun_len - prelude_len
    if code_len < 0:
        raise s.fail("function shorter than its prelude", start)
    fn.code_len = code_len
    off = 0
    while off < code_len:
        op = s.byte()
        info = _BY_BYTE.get(op)
        if info is None:
            raise s.fail(f"unknown opcode 0x{op:02x}")
        begin = off
        off += 1
        kind, value, extra, raw = info.arg, None, None, b""
        if kind is Arg.QSTR:
            value = s.qstr()
            off += 2
            if cached and info.name in _CACHED_V5:
                s.byte()  # the map-lookup cache byte: version 6 has none
                off += 1
        elif kind in (Arg.JUMP, Arg.UJUMP):
            lo, hi = s.byte(), s.byte()
            v = lo | hi << 8
            value = v - 0x8000 if info.name in _SIGNED_V5 else v
            off += 2
        elif kind is not Arg.NONE:
            first = s.pos
            b = s.byte()
            v = -1 if kind is Arg.SINT and b & 0x40 else 0
            v = (v << 7) | (b & 0x7F)
            while b & 0x80:
                b = s.byte()
                v = (v << 7) | (b & 0x7F)
            value = v
            raw = s.data[first:s.pos]
            off += s.pos - first
        if info.extra_byte:
            extra = s.byte()
            off += 1
        fn.code.append([begin, info, op, kind, value, raw, extra])
    if off != code_len:
        raise s.fail("bytecode overruns its function")
    n_obj = s.vuint()
    n_raw = s.vuint()
    fn.arg_names = [s.qstr() for _ in range(fn.n_args)]
    fn.objs = [s.obj() for _ in range(n_obj)]
    fn.children = [_read_fn(s, cached, depth + 1) for _ in range(n_raw)]
    return fn


class _Out:
    """The version-6 module being built: its qstr and object tables."""

    def __init__(self, source_file: str) -> None:
        self.qstrs: list[str] = [source_file]
        self.qstr_index = {source_file: 0}
        self.objs: list = []

    def q(self, text: str) -> int:
        k = self.qstr_index.get(text)
        if k is None:
            k = self.qstr_index[text] = len(self.qstrs)
            self.qstrs.append(text)
        return k

    def obj(self, tagged) -> int:
        self.objs.append(tagged)
        return len(self.objs) - 1


def _encode_size(n_info: int, n_cell: int) -> bytes:
    out = bytearray()
    while True:
        z = ((n_info & 0x3F) << 1) | (n_cell & 1)
        n_info >>= 6
        n_cell >>= 1
        if n_info or n_cell:
            out.append(0x80 | z)
        else:
            out.append(z)
            return bytes(out)


def _lines(info: bytes) -> list[tuple[int, int]]:
    """(bytecode offset, line) where each line begins (py/bc.h's encoding, both versions)."""
    out, off, line, i = [], 0, 1, 0
    while i < len(info):
        c = info[i]
        if c & 0x80 == 0:
            b, dl = c & 0x1F, c >> 5
            i += 1
        elif i + 1 < len(info):
            b, dl = c & 0x0F, ((c << 4) & 0x700) | info[i + 1]
            i += 2
        else:
            break
        off += b
        line += dl
        out.append((off, line))
    return out


def _encode_lines(points: list[tuple[int, int]]) -> bytes:
    """The line table for (offset, line) points (emitbc.c's emit_write_code_info_bytes_lines)."""
    out = bytearray()
    off, line = 0, 1
    for o, ln in points:
        skip_b, skip_l = o - off, ln - line
        if skip_b < 0 or skip_l < 0:
            continue  # not representable; the line of what follows stays the previous one
        while skip_b > 0 or skip_l > 0:
            if skip_l <= 6 or skip_b > 0xF:
                b = min(skip_b, 0x1F)
                ll = 0 if b < skip_b else min(skip_l, 0x3)
                out.append(b | (ll << 5))
            else:
                b = min(skip_b, 0xF)
                ll = min(skip_l, 0x7FF)
                out.append(0x80 | b | ((ll >> 4) & 0x70))
                out.append(ll & 0xFF)
            skip_b -= b
            skip_l -= ll
        off, line = o, ln
    return bytes(out)


def _write_fn(fn: _Fn, out: _Out, depth: int = 0) -> bytes:
    obj_base = [out.obj(o) for o in fn.objs]
    n_args, n_obj = fn.n_args, len(fn.objs)
    # first pass: each instruction's bytes with its jump left as two placeholder bytes
    pieces = []
    for begin, info, op, kind, value, raw, extra in fn.code:
        if info is None:  # an instruction the conversion dropped (version 3's POP_BLOCK)
            pieces.append(b"")
            continue
        if kind is Arg.QSTR:
            arg = encode_vuint(out.q(value))
        elif kind in (Arg.JUMP, Arg.UJUMP):
            arg = b"\0\0"
        elif kind is Arg.CONST:
            k = value - n_args
            if not 0 <= k < n_obj:
                raise MpyFormatError(f"constant index {value} outside the function's table", 0)
            arg = encode_vuint(obj_base[k])
        elif kind is Arg.CHILD:
            k = value - n_args - n_obj
            if not 0 <= k < len(fn.children):
                raise MpyFormatError(f"child index {value} outside the function's table", 0)
            arg = encode_vuint(k)
        else:  # a number (or none): its bytes as they were
            arg = raw
        piece = bytes((op,)) + arg + (bytes((extra,)) if extra is not None else b"")
        if info.name in ("CALL_FUNCTION_VAR_KW", "CALL_METHOD_VAR_KW"):
            # version 5 left (*sequence, **mapping) on the stack where version 6 has the
            # star bitmap: BUILD_TUPLE 2 makes them one value, which the runtime's
            # var_kw_args takes for that layout (jumps to the call land on the tuple)
            piece = bytes((_BUILD_TUPLE, 2)) + piece
        pieces.append(piece)
    new_at = {}
    pos = 0
    for (begin, *_rest), p in zip(fn.code, pieces):
        new_at[begin] = pos
        pos += len(p)
    new_at[fn.code_len] = pos
    code = bytearray()
    for (begin, info, op, kind, value, raw, extra), p in zip(fn.code, pieces):
        if kind in (Arg.JUMP, Arg.UJUMP):
            target = begin + 3 + value  # version 5: relative to the end of the 2 bytes
            if target not in new_at:
                raise MpyFormatError(f"{info.name} at bc={begin} jumps into an instruction", 0)
            rel = new_at[target] - (new_at[begin] + 3)
            v = rel + 0x4000 if kind is Arg.JUMP else rel
            if not 0 <= v < 0x8000:
                raise MpyFormatError(f"{info.name} at bc={begin}: jump out of version 6's range", 0)
            p = bytes((op, 0x80 | (v & 0x7F), v >> 7)) + p[3:]
        code += p
    shift = fn.line_shift
    points = [(new_at.get(o - shift, new_at[fn.code_len]), ln) for o, ln in _lines(fn.line_info)]
    names = encode_vuint(out.q(fn.name)) + b"".join(encode_vuint(out.q(a)) for a in fn.arg_names)
    info = names + _encode_lines(points)
    fun_data = fn.sig + _encode_size(len(info), len(fn.cells)) + info + fn.cells + bytes(code)
    head = encode_vuint(len(fun_data) << 3 | bool(fn.children) << 2 | 0)
    parts = [head, fun_data]
    if fn.children:
        parts.append(encode_vuint(len(fn.children)))
        parts.extend(_write_fn(c, out, depth + 1) for c in fn.children)
    return b"".join(parts)


_TAGS_V6 = {"e": 4, "s": 5, "b": 6, "i": 7, "f": 8, "c": 9}  # MP_PERSISTENT_OBJ_* (v1.19)


def _obj_bytes(tagged) -> bytes:
    tag, raw = tagged
    t = bytes((_TAGS_V6[tag],))
    if tag == "e":
        return t
    if tag in "sb":
        return t + encode_vuint(len(raw)) + raw + b"\0"
    return t + encode_vuint(len(raw)) + raw


def upgrade_v5(data: bytes, filename: str = "<mpy>") -> bytes:
    """The version-6 .mpy with the same code as version-5 ``data``."""
    return upgrade_v5_layout(data, filename)[0]


def upgrade_v5_layout(data: bytes, filename: str = "<mpy>") -> tuple[bytes, OldLayout]:
    """(the version-6 bytes, the file's layout for writing it back)."""
    s = _In(bytes(data), filename)
    magic, version, feature, small_int_bits = s.take(4)
    if version != 5:
        raise s.fail(f"version {version}, not 5", 1)
    if feature >> 2:
        raise MpyFormatError("a version-5 .mpy for a native architecture is not supported "
                             "(its machine code was made for MicroPython's runtime)", 2, filename)
    s.window_size = s.vuint()
    cached = bool(feature & 1)
    root = _read_fn(s, cached)
    # the source file: the module's own prelude named it; read it again from the start
    source = _source_file(bytes(data), filename)
    out = _Out(source)
    try:
        body = _write_fn(root, out)
    except MpyFormatError as e:
        raise MpyFormatError(f"corrupt .mpy v5: {e.reason}", e.offset, filename) from None
    header = bytes((magic, 6, 0, small_int_bits))
    qstr_bytes = b"".join(_qstr_bytes(q) for q in out.qstrs)
    v6 = (header + encode_vuint(len(out.qstrs)) + encode_vuint(len(out.objs)) + qstr_bytes
          + b"".join(_obj_bytes(o) for o in out.objs) + body)
    return v6, OldLayout(5, bytes(data), s.spans, s.window_size)


class OldLayout:
    """An older-version file as read: its bytes and where its qstrs are. ``write`` gives the
    file back in its own version, each qstr encoded again the way MicroPython's save_qstr does
    (static ones by number, recent ones through the window, new ones as text), so a file
    mpy-cross made comes back byte for byte."""

    __slots__ = ("version", "data", "spans", "window_size")

    def __init__(self, version: int, data: bytes, spans: list, window_size: int) -> None:
        self.version, self.data, self.spans, self.window_size = version, data, spans, window_size

    def write(self) -> bytes:
        out, pos, window = [], 0, []
        for start, end, text in self.spans:
            out.append(self.data[pos:start])
            out.append(self._encode(text, window))
            pos = end
        out.append(self.data[pos:])
        return b"".join(out)

    def _encode(self, text: str, window: list) -> bytes:
        raw = text.encode("utf-8", "surrogateescape")
        if self.version == 3:  # no window and no static qstrs: the text each time
            return encode_vuint(len(raw)) + raw
        if text in _STATIC_INDEX:
            return b"\0" + bytes((_STATIC_INDEX[text],))
        if text in window:
            k = window.index(text)
            window.insert(0, window.pop(k))
            return encode_vuint(k << 1 | 1)
        window.insert(0, text)
        del window[self.window_size:]
        return encode_vuint(len(raw) << 1) + raw


_STATIC_INDEX = {q: k + 1 for k, q in enumerate(STATIC_QSTRS)}


def _qstr_bytes(text: str) -> bytes:
    try:
        k = STATIC_QSTRS.index(text)
    except ValueError:
        k = -1
    if k >= 0:
        return encode_vuint((k + 1) << 1 | 1)
    raw = text.encode("utf-8", "surrogateescape")
    return encode_vuint(len(raw) << 1) + raw + b"\0"


def _source_file(data: bytes, filename: str) -> str:
    s = _In(data, filename)
    s.take(4)
    s.window_size = s.vuint()
    s.vuint()  # kind and length
    while s.byte() & 0x80:  # signature
        pass
    while s.byte() & 0x80:  # size
        pass
    s.qstr()  # the module's name
    return s.qstr()
