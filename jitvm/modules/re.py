"""Guest module `re`: MicroPython's small regex dialect (re1.5), matched over UTF-8 bytes.

MicroPython's engine works on bytes: `.` and classes match one byte, `.` matches newlines, `$`
matches only at the very end, unknown escapes (`\\b`, `\\n`, `\\x41`) are the escaped character,
`{`/`}` are literals, and a class ends at its first `]`. Patterns are checked against that
dialect and translated to an equivalent host bytes pattern (the host regex object stays
private). Zero-length matches end `sub` and `split`, as in MicroPython.
Match objects offer group(), groups(), start(), end() and span() (the last four exist on
MicroPython boards built with the match-groups and span options).
"""

from __future__ import annotations

import re as _host_re

from jitvm.modules._stdconv import get_int, type_name

__all__ = ["compile", "match", "search", "sub"]

_CLASS_ESCAPES = {ord("d"): rb"\d", ord("D"): rb"\D", ord("w"): rb"\w", ord("W"): rb"\W",
                  ord("s"): rb"\s", ord("S"): rb"\S"}  # fmt: skip
_NEVER = rb"(?!)"


def _too_complex() -> ValueError:
    return ValueError("regex too complex")


def _as_bytes(obj: object) -> bytes:
    if isinstance(obj, str):
        return obj.encode()
    if isinstance(obj, (bytes, bytearray)):
        return bytes(obj)
    raise TypeError(f"can't convert '{type_name(obj)}' object to str implicitly")


def _byte_literal(c: int) -> bytes:
    return _host_re.escape(bytes([c]))


def _translate_class(pat: bytes, i: int) -> tuple[bytes, int]:
    """Translate a class starting after '['; return (host text, index after ']')."""
    negate = i < len(pat) and pat[i] == 0x5E
    if negate:
        i += 1
    parts: list[bytes] = []
    while True:
        if i >= len(pat):
            raise _too_complex()
        c = pat[i]
        if c == 0x5D:  # the first ']' always closes the class
            i += 1
            break
        if c == 0x5C:
            if i + 1 >= len(pat):
                raise _too_complex()
            esc = pat[i + 1]
            parts.append(_CLASS_ESCAPES.get(esc) or _byte_literal(esc))
            i += 2
            continue
        if i + 2 < len(pat) and pat[i + 1] == 0x2D and pat[i + 2] != 0x5D:
            hi = pat[i + 2]
            if hi >= c:  # a reversed range matches nothing
                parts.append(_byte_literal(c) + b"-" + _byte_literal(hi))
            i += 3
            continue
        parts.append(_byte_literal(c))
        i += 1
    if not parts:
        return (rb"[\x00-\xff]" if negate else _NEVER), i
    return b"[" + (b"^" if negate else b"") + b"".join(parts) + b"]", i


def _translate(pat: bytes) -> tuple[bytes, int]:
    """Check a MicroPython pattern and return (host pattern, number of capture groups)."""
    out: list[bytes] = []
    groups = 0
    depth = 0
    i = 0
    can_repeat = False  # whether the previous item may take a repeat operator
    while i < len(pat):
        c = pat[i]
        if c in b"*+?":
            if not can_repeat:
                raise _too_complex()
            op = bytes([c])
            i += 1
            if i < len(pat) and pat[i] == 0x3F:  # lazy form
                op += b"?"
                i += 1
            out.append(op)
            can_repeat = False
            continue
        if c == 0x28:  # '('
            if pat[i + 1 : i + 3] == b"?:":
                out.append(b"(?:")
                i += 3
            elif pat[i + 1 : i + 2] == b"?":
                raise _too_complex()
            else:
                out.append(b"(")
                groups += 1
                i += 1
            depth += 1
            can_repeat = False
            continue
        if c == 0x29:  # ')'
            if depth == 0:
                raise ValueError("error in regex")
            depth -= 1
            out.append(b")")
            i += 1
            can_repeat = True
            continue
        if c == 0x7C:
            out.append(b"|")
            can_repeat = False
        elif c == 0x5E:
            out.append(rb"\A")
            can_repeat = False
        elif c == 0x24:
            out.append(rb"\Z")
            can_repeat = False
        elif c == 0x2E:
            out.append(rb"[\x00-\xff]")
            can_repeat = True
        elif c == 0x5B:
            text, i = _translate_class(pat, i + 1)
            out.append(text)
            can_repeat = True
            continue
        elif c == 0x5C:
            if i + 1 >= len(pat):
                raise _too_complex()
            esc = pat[i + 1]
            out.append(_CLASS_ESCAPES.get(esc) or _byte_literal(esc))
            i += 2
            can_repeat = True
            continue
        else:
            out.append(_byte_literal(c))
            can_repeat = True
        i += 1
    if depth:
        raise _too_complex()
    return b"".join(out), groups


class _Match:
    """A successful match (MicroPython prints it as <match num=N>)."""

    __slots__ = ("_is_str", "_m", "_n")

    def __init__(self, host_match: _host_re.Match, is_str: bool, n_groups: int) -> None:
        self._m = host_match
        self._is_str = is_str
        self._n = n_groups + 1

    def _check(self, index: object) -> int:
        n = get_int(index)
        if not 0 <= n < self._n:
            raise IndexError(n)
        return n

    def group(self, *args: object) -> str | bytes | None:
        if len(args) != 1:
            raise TypeError(f"function takes 2 positional arguments but {len(args) + 1} were given")
        value = self._m.group(self._check(args[0]))
        if value is None or not self._is_str:
            return value
        try:
            return value.decode()
        except UnicodeDecodeError:
            raise UnicodeError() from None

    def groups(self) -> tuple:
        return tuple(self.group(i) for i in range(1, self._n))

    def start(self, index: object = 0) -> int:
        return self._m.start(self._check(index))

    def end(self, index: object = 0) -> int:
        return self._m.end(self._check(index))

    def span(self, index: object = 0) -> tuple[int, int]:
        n = self._check(index)
        return (self._m.start(n), self._m.end(n))

    def __repr__(self) -> str:
        return f"<match num={self._n}>"


class _Regex:
    """A compiled pattern: match, search, split and sub."""

    __slots__ = ("_groups", "_rx")

    def __init__(self, pattern: object) -> None:
        text, self._groups = _translate(_as_bytes(pattern))
        try:
            # ASCII classes: MicroPython's \d \w \s only know ASCII bytes.
            self._rx = _host_re.compile(text, _host_re.ASCII)
        except _host_re.error:
            raise _too_complex() from None

    def _run(self, anchored: bool, string: object, pos: object) -> _Match | None:
        data = _as_bytes(string)
        start = max(0, min(get_int(pos), len(data)))
        m = (self._rx.match if anchored else self._rx.search)(data, start)
        return _Match(m, isinstance(string, str), self._groups) if m else None

    def match(self, string: object, pos: object = 0) -> _Match | None:
        return self._run(True, string, pos)

    def search(self, string: object, pos: object = 0) -> _Match | None:
        return self._run(False, string, pos)

    def split(self, string: object, maxsplit: object = -1) -> list:
        if self._groups:
            raise NotImplementedError("splitting with sub-captures")
        data = _as_bytes(string)
        limit = get_int(maxsplit)
        if limit == 0:
            limit = -1  # MicroPython treats maxsplit=0 as "no limit"
        pieces: list[bytes] = []
        pos = 0
        while limit != 0:
            m = self._rx.search(data, pos)
            if m is None or m.end() == m.start():
                break
            pieces.append(data[pos : m.start()])
            pos = m.end()
            limit -= 1
        pieces.append(data[pos:])
        return [p.decode() for p in pieces] if isinstance(string, str) else pieces

    def sub(self, repl: object, string: object, count: object = 0) -> str | bytes:
        data = _as_bytes(string)
        is_str = isinstance(string, str)
        limit = get_int(count)
        out: list[bytes] = []
        pos = 0
        done = 0
        while limit <= 0 or done < limit:
            m = self._rx.search(data, pos)
            if m is None or m.end() == m.start():
                break
            out.append(data[pos : m.start()])
            match_obj = _Match(m, is_str, self._groups)
            if callable(repl):
                out.append(_as_bytes(repl(match_obj)))
            else:
                out.append(_expand(_as_bytes(repl), match_obj))
            pos = m.end()
            done += 1
        out.append(data[pos:])
        result = b"".join(out)
        return result.decode() if is_str else result

    def __repr__(self) -> str:
        return f"<re {id(self):x}>"


_REF = _host_re.compile(rb"\\(\d+)|\\g<(\d+)>")


def _expand(template: bytes, m: _Match) -> bytes:
    def group_text(ref: _host_re.Match) -> bytes:
        value = m._m.group(m._check(int(ref.group(1) or ref.group(2))))
        return value or b""

    return _REF.sub(group_text, template)


def _compiled(pattern: object) -> _Regex:
    return pattern if isinstance(pattern, _Regex) else _Regex(pattern)


def compile(pattern: object, flags: object = 0) -> _Regex:
    """Compile a pattern."""
    return _Regex(pattern)


def match(pattern: object, string: object) -> _Match | None:
    """Match pattern at the start of string."""
    return _compiled(pattern).match(string)


def search(pattern: object, string: object) -> _Match | None:
    """Find the first match of pattern in string."""
    return _compiled(pattern).search(string)


def sub(pattern: object, repl: object, string: object, count: object = 0, flags: object = 0):
    """Replace matches of pattern in string with repl (a template or a function)."""
    return _compiled(pattern).sub(repl, string, count)
