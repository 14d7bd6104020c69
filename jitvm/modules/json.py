"""Guest module `json`: MicroPython's JSON encoder and its lenient, byte-driven decoder.

MicroPython's decoder is a small state machine: ',' and ':' are skipped like whitespace, a
missing dict value drops the key, and every failure is `ValueError: syntax error in JSON`
(numbers fail with the number parser's own text). This module reproduces that behaviour.
"""

from __future__ import annotations

from jitvm.modules import _hw

import re as _re

from jitvm.modules._stdconv import get_str, require_buffer, type_name

__all__ = ["dump", "dumps", "load", "loads"]

_MISSING = object()
_SKIPPED = b",: \t\n\r"
_TRAILING_SPACE = b" \t\n\r\v\f"
_ESCAPES = {ord("b"): 8, ord("f"): 12, ord("n"): 10, ord("r"): 13, ord("t"): 9}
_FLOAT = _re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\Z")
_INT = _re.compile(r"[+-]?\d+\Z")


def _syntax_error() -> ValueError:
    return ValueError("syntax error in JSON")


# --- encoding ---------------------------------------------------------------------------------
def _quote(text: str) -> str:
    out = ['"']
    for ch in text:
        code = ord(ch)
        if ch in ('"', "\\"):
            out.append("\\" + ch)
        elif code >= 32:
            out.append(ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        else:
            out.append(f"\\u{code:04x}")
    out.append('"')
    return "".join(out)


def _encode(obj: object, out: list[str], item_sep: str, key_sep: str) -> None:
    if obj is None:
        out.append("null")
    elif obj is True:
        out.append("true")
    elif obj is False:
        out.append("false")
    elif isinstance(obj, str):
        out.append(_quote(obj))
    elif type(obj) is bytes:
        out.append(_quote(obj.decode("latin-1")))
    elif isinstance(obj, (list, tuple)):
        out.append("[")
        for i, item in enumerate(obj):
            if i:
                out.append(item_sep)
            _encode(item, out, item_sep, key_sep)
        out.append("]")
    elif isinstance(obj, dict):
        out.append("{")
        for i, (key, value) in enumerate(obj.items()):
            if i:
                out.append(item_sep)
            if isinstance(key, str):
                out.append(_quote(key))
            else:
                # Non-str keys are printed in JSON form and then wrapped in quotes.
                inner: list[str] = []
                _encode(key, inner, item_sep, key_sep)
                out.append('"' + "".join(inner) + '"')
            out.append(key_sep)
            _encode(value, out, item_sep, key_sep)
        out.append("}")
    elif isinstance(obj, int):
        out.append(str(int(obj)))
    else:
        # Floats and everything else print as their repr (nan, inf, complex, bytearray...).
        out.append(repr(obj))


def _separators(kwargs: dict) -> tuple[str, str]:
    seps = kwargs.pop("separators", None)
    if kwargs:
        raise TypeError("extra keyword arguments given")
    if seps is None:
        return ", ", ": "
    if not isinstance(seps, (list, tuple)):
        raise TypeError(f"object '{type_name(seps)}' isn't a tuple or list")
    if len(seps) != 2:
        raise ValueError(f"requested length 2 but object has length {len(seps)}")
    return get_str(seps[0]), get_str(seps[1])


def _encode_to_text(obj: object, kwargs: dict) -> str:
    item_sep, key_sep = _separators(dict(kwargs))
    out: list[str] = []
    _encode(obj, out, item_sep, key_sep)
    return "".join(out)


def dumps(*args: object, **kwargs: object) -> str:
    """dumps(obj, separators=None): obj as a JSON string."""
    if not args:
        raise TypeError("function missing 1 required positional arguments")
    if len(args) > 1:
        raise TypeError("extra positional arguments given")
    return _encode_to_text(args[0], kwargs)


def dump(*args: object, **kwargs: object) -> None:
    """dump(obj, stream, separators=None): write obj as JSON to a stream."""
    if len(args) < 2:
        raise TypeError("function missing 1 required positional arguments")
    if len(args) > 2:
        raise TypeError("extra positional arguments given")
    obj, stream = args
    write = getattr(stream, "write", None)
    if write is None or isinstance(stream, (int, float, str, bytes, list, tuple, dict)):
        raise OSError("stream operation not supported")
    write(_encode_to_text(obj, kwargs))


# --- decoding ---------------------------------------------------------------------------------
class _Reader:
    """A cursor over the input; `cur` is 0 at the end (a NUL byte also ends the stream)."""

    __slots__ = ("cur", "data", "pos")

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = -1
        self.cur = 0
        self.advance()

    def advance(self) -> int:
        self.pos += 1
        self.cur = self.data[self.pos] if self.pos < len(self.data) else 0
        return self.cur


def _read_word(r: _Reader, rest: bytes, value: object) -> object:
    # The first letter is already consumed; the rest must follow exactly.
    for expected in rest:
        if r.cur != expected:
            raise _syntax_error()
        r.advance()
    return value


def _read_string(r: _Reader) -> str:
    raw = bytearray()
    while r.cur != 0 and r.cur != 0x22:
        c = r.cur
        if c == 0x5C:
            c = r.advance()
            if c == 0x75:  # \uXXXX, decoded with MicroPython's unchecked digit arithmetic
                num = 0
                for _ in range(4):
                    d = ((r.advance() | 0x20) - 0x30) & 0xFF
                    if d > 9:
                        d = (d - 39) & 0xFF
                    num = (num << 4) | d
                raw += chr(min(num, 0x10FFFF)).encode("utf-8", "surrogatepass")
                r.advance()
                continue
            c = _ESCAPES.get(c, c)
        raw.append(c)
        r.advance()
    if r.cur == 0:
        raise _syntax_error()
    r.advance()
    try:
        return raw.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:
        raise UnicodeError() from None


def _read_number(r: _Reader, first: int) -> int | float:
    text = bytearray([first])
    is_float = False
    while True:
        c = r.cur
        if c in b".eE":
            is_float = True
        elif not (c in b"+-" or 0x30 <= c <= 0x39) or c == 0:
            break
        text.append(c)
        r.advance()
    s = text.decode()
    if is_float:
        if not _FLOAT.match(s):
            raise ValueError("invalid syntax for number")
        return float(s)
    if not _INT.match(s):
        shown = s[1:] if s[:1] in "+-" else s
        raise ValueError(f"invalid syntax for integer with base 10: '{shown}'")
    return int(s)


def _read_value(r: _Reader, c: int) -> tuple[object, bool]:
    """Decode the token starting with byte c; return (value, opens a container)."""
    if c == 0x6E:
        return _read_word(r, b"ull", None), False
    if c == 0x66:
        return _read_word(r, b"alse", False), False
    if c == 0x74:
        return _read_word(r, b"rue", True), False
    if c == 0x22:
        return _read_string(r), False
    if c == 0x2D or 0x30 <= c <= 0x39:
        return _read_number(r, c), False
    if c == 0x5B:
        return [], True
    if c == 0x7B:
        return {}, True
    raise _syntax_error()


def _decode(data: bytes) -> object:
    r = _Reader(data)
    stack: list[object] = []
    top: object = _MISSING
    key: object = _MISSING
    depth = 0
    while r.cur != 0:
        c = r.cur
        r.advance()
        if c in _SKIPPED:
            continue
        if c in b"]}":
            depth -= 1
            if top is _MISSING:
                raise _syntax_error()
            if not stack:
                break
            top = stack.pop()
            continue
        value, enter = _read_value(r, c)
        if top is _MISSING:
            top = value
            if not enter:
                break
        elif type(top) is list:
            top.append(value)
        elif key is _MISSING:
            if enter:
                raise _syntax_error()  # a container cannot be a key
            key = value
        else:
            try:
                top[key] = value  # type: ignore[index]
            except TypeError:
                raise TypeError(f"unsupported type for __hash__: '{type_name(key)}'") from None
            key = _MISSING
        if enter:
            depth += 1
            if top is not value:
                stack.append(top)
                top = value
    if depth != 0:
        raise _syntax_error()
    while r.cur in _TRAILING_SPACE and r.cur != 0:
        r.advance()
    if r.cur != 0 or top is _MISSING or stack:
        raise _syntax_error()
    return top


def loads(text: object) -> object:
    """Decode a JSON document from a str or buffer."""
    return _decode(bytes(require_buffer(text)))


def load(stream: object) -> object:
    """Decode a JSON document read to the end of a stream."""
    read = getattr(stream, "read", None)
    if read is None and getattr(stream, "readinto", None) is not None:
        read = getattr(type(stream), "_jitvm_stream_read", None)  # a guest io.IOBase
        if read is None and _hw.flavor() == "circuitpython":
            from jitvm.vmmods import IOBase  # CircuitPython reads any object with readinto

            read = IOBase._jitvm_stream_read
        read = read.__get__(stream) if read is not None else None
    if read is None or isinstance(stream, (int, float, str, bytes, list, tuple, dict)):
        raise OSError("stream operation not supported")
    data = read()
    return _decode(data.encode() if isinstance(data, str) else bytes(require_buffer(data)))
