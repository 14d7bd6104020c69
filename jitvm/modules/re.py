"""Guest module `re`: MicroPython's small regex dialect (re1.5), matched over UTF-8 bytes.

MicroPython's engine works on bytes: `.` and classes match one byte, `.` matches newlines, `$`
matches only at the very end, unknown escapes (`\\b`, `\\n`, `\\x41`) are the escaped character,
`{`/`}` are literals, and a class ends at its first `]`. `_re15` checks a pattern against that
dialect and MicroPython's program-size limits, and matches with the same depth limit
(RuntimeError), using an equivalent host pattern when that provably answers the same (the host
regex object stays private). Zero-length matches end `sub` and `split`, as in MicroPython.
Compiled patterns take `match/search(string, pos, endpos)` (byte offsets).
Match objects offer group(), groups(), start(), end() and span() (the last four exist on
MicroPython boards built with the match-groups and span options; offsets count characters).
"""

from __future__ import annotations

from jitvm.modules import _re15
from jitvm.modules._stdconv import get_int, type_name

__all__ = ["compile", "match", "search", "sub"]

_PROGRAMS: dict[bytes, _re15.Program] = {}  # recently compiled patterns (programs are immutable)


def _as_bytes(obj: object) -> bytes:
    if isinstance(obj, str):
        return obj.encode()
    if isinstance(obj, bytes):
        return obj
    raise TypeError(f"can't convert '{type_name(obj)}' object to str implicitly")


def _as_type_of(like: object, data: bytes) -> str | bytes:
    if not isinstance(like, str):
        return data
    try:
        return data.decode()
    except UnicodeDecodeError:
        raise UnicodeError() from None


def _nargs(args: tuple, low: int, high: int) -> None:
    """MicroPython's argument-count check (counts include self for methods)."""
    if len(args) < low:
        raise TypeError(f"function missing {low - len(args)} required positional arguments")
    if len(args) > high:
        raise TypeError(f"function expected at most {high} arguments, got {len(args)}")


def _program(pattern: object) -> _re15.Program:
    text = _as_bytes(pattern)
    prog = _PROGRAMS.get(text)
    if prog is None:
        try:
            prog = _re15.Program(text)
        except _re15.TooComplex:
            raise ValueError("regex too complex") from None
        if len(_PROGRAMS) >= 64:
            _PROGRAMS.pop(next(iter(_PROGRAMS)))
        _PROGRAMS[text] = prog
    return prog


class _Match:
    """A successful match (MicroPython prints it as <match num=N>)."""

    __slots__ = ("_caps", "_data", "_n", "_string")

    def __init__(self, *args: object) -> None:
        raise TypeError("cannot create 'match' instances")

    @staticmethod
    def _new(string: object, data: bytes, caps: list) -> _Match:
        m = object.__new__(_Match)
        m._string = string
        m._data = data
        m._caps = caps
        m._n = len(caps) // 2
        return m

    def _index(self, index: object) -> int:
        n = get_int(index)
        if not 0 <= n < self._n:
            raise IndexError(index)
        return n

    def group(self, *args: object) -> str | bytes | None:
        if len(args) != 1:
            raise TypeError(f"function takes 2 positional arguments but {len(args) + 1} were given")
        n = self._index(args[0])
        start = self._caps[2 * n]
        if start is None:
            return None
        return _as_type_of(self._string, self._data[start : self._caps[2 * n + 1]])

    def groups(self) -> tuple:
        return tuple(self.group(i) for i in range(1, self._n))

    def span(self, index: object = 0) -> tuple[int, int]:
        n = self._index(index)
        start = self._caps[2 * n]
        if start is None:
            return (-1, -1)
        return (self._offset(start), self._offset(self._caps[2 * n + 1]))

    def start(self, index: object = 0) -> int:
        return self.span(index)[0]

    def end(self, index: object = 0) -> int:
        return self.span(index)[1]

    def _offset(self, byte_offset: int) -> int:
        if not isinstance(self._string, str):
            return byte_offset
        # Characters before the offset: bytes that are not UTF-8 continuation bytes.
        return sum(1 for b in self._data[:byte_offset] if b & 0xC0 != 0x80)

    def __repr__(self) -> str:
        return f"<match num={self._n}>"


class _Regex:
    """A compiled pattern: match, search, split and sub."""

    __slots__ = ("_prog",)

    def __init__(self, *args: object) -> None:
        raise TypeError("cannot create 're' instances")

    @staticmethod
    def _new(pattern: object) -> _Regex:
        rx = object.__new__(_Regex)
        rx._prog = _program(pattern)
        return rx

    def _find(self, data: bytes, begin: int, end: int, anchored: bool) -> list | None:
        prog = self._prog
        if not prog.host_is_exact(end - begin):
            return _re15.run(prog, data, begin, end, anchored)
        m = (prog.host.match if anchored else prog.host.search)(data, begin, end)
        if m is None:
            return None
        caps: list = []
        for i in range(prog.groups + 1):
            s, e = m.span(i)
            caps += (None, None) if s < 0 else (s, e)
        return caps

    def match(self, *args: object) -> _Match | None:
        _nargs((self, *args), 2, 4)
        return _exec(True, (self, *args))

    def search(self, *args: object) -> _Match | None:
        _nargs((self, *args), 2, 4)
        return _exec(False, (self, *args))

    def split(self, *args: object) -> list:
        _nargs((self, *args), 2, 3)
        string = args[0]
        data = _as_bytes(string)
        maxsplit = get_int(args[1]) if len(args) > 1 else 0
        pieces: list = []
        begin = 0
        while True:
            caps = self._find(data, begin, len(data), False)
            if caps is None or caps[0] == caps[1]:
                break
            pieces.append(_as_type_of(string, data[begin : caps[0]]))
            if self._prog.groups:
                raise NotImplementedError("splitting with sub-captures")
            begin = caps[1]
            if maxsplit > 0:
                maxsplit -= 1
                if maxsplit == 0:
                    break
        pieces.append(_as_type_of(string, data[begin:]))
        return pieces

    def sub(self, *args: object) -> str | bytes:
        _nargs((self, *args), 3, 5)
        return _sub((self, *args))

    def __repr__(self) -> str:
        return f"<re {id(self):x}>"


def _regex(pattern: object) -> tuple[_Regex, bool]:
    return (pattern, True) if isinstance(pattern, _Regex) else (_Regex._new(pattern), False)


def _exec(anchored: bool, args: tuple) -> _Match | None:
    """match/search: a pos (and endpos) apply only to an already compiled pattern."""
    rx, was_compiled = _regex(args[0])
    string = args[1]
    data = _as_bytes(string)
    begin, end = 0, len(data)
    if was_compiled and len(args) > 2:
        begin = max(0, min(get_int(args[2]), len(data)))
        if len(args) > 3:
            end = max(begin, min(get_int(args[3]), len(data)))
    caps = rx._find(data, begin, end, anchored)
    return None if caps is None else _Match._new(string, data, caps)


def _sub(args: tuple) -> str | bytes:
    rx, _ = _regex(args[0])
    repl, string = args[1], args[2]
    count = get_int(args[3]) if len(args) > 3 else 0
    data = _as_bytes(string)
    out: list[bytes] | None = None
    begin = 0
    while True:
        caps = rx._find(data, begin, len(data), False)
        if caps is None or caps[0] == caps[1]:
            break
        if out is None:
            out = []
        out.append(data[begin : caps[0]])
        template = repl(_Match._new(string, data, caps)) if callable(repl) else repl
        out.append(_expand(_as_bytes(template), data, caps))
        begin = caps[1]
        if count > 0:
            count -= 1
            if count == 0:
                break
    if out is None:
        return string  # no substitution: MicroPython hands back the same object
    out.append(data[begin:])
    return _as_type_of(string, b"".join(out))


def _expand(template: bytes, data: bytes, caps: list) -> bytes:
    r"""Substitute \N, \g<N> and \\ as MicroPython does; a backslash before anything else is
    dropped (and an unfinished \g< with it)."""
    template = template.split(b"\0", 1)[0]  # MicroPython reads the template as a C string
    out = bytearray()
    i, n = 0, len(template)
    while i < n:
        c = template[i]
        i += 1
        if c != 0x5C:
            out.append(c)
            continue
        named = template[i : i + 2] == b"g<"
        if named:
            i += 2
        if i < n and 0x30 <= template[i] <= 0x39:
            number = 0
            while i < n and 0x30 <= template[i] <= 0x39:
                number = (number * 10 + template[i] - 0x30) & 0xFFFFFFFF  # C unsigned int
                i += 1
            if named and template[i : i + 1] == b">":
                i += 1
            if number >= len(caps) // 2:
                raise IndexError(number)
            if caps[2 * number] is not None:
                out += data[caps[2 * number] : caps[2 * number + 1]]
        elif i < n and template[i] == 0x5C:
            out.append(0x5C)
            i += 1
    return bytes(out)


def compile(*args: object) -> _Regex:
    """Compile a pattern (the flags argument is accepted and ignored)."""
    _nargs(args, 1, 2)
    return _Regex._new(args[0])


def match(*args: object) -> _Match | None:
    """Match a pattern at the start of a string."""
    _nargs(args, 2, 4)
    return _exec(True, args)


def search(*args: object) -> _Match | None:
    """Find the first match of a pattern in a string."""
    _nargs(args, 2, 4)
    return _exec(False, args)


def sub(*args: object) -> str | bytes:
    """Replace matches of a pattern in a string with a template or a function's result."""
    _nargs(args, 3, 5)
    return _sub(args)
