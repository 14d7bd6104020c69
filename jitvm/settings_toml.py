"""CircuitPython's `settings.toml` subset, as `os.getenv` reads it from the drive's root.

Behaviour from CircuitPython's `supervisor/shared/settings.c` (`settings_get_raw_vstr`) and
its test `tests/circuitpython/getenv.py`: the file is scanned line by line for the first
line whose key matches; a `[section]` line ends the scan (tables are not supported); the
value is a double-quoted string with escapes (`\\b \\r \\n \\t \\v \\f \\uXXXX \\UXXXXXXXX`,
any other escaped character stands for itself) or a bare value (the text up to a `#` or
the line's end, trailing blanks trimmed; `7`, `0x7f`, even `this is unquoted` come back as
strings). A missing file or key, an empty value, an unterminated string or text after the
closing quote give the default, without a message: getenv never raises for the file.
"""

from __future__ import annotations

from pathlib import Path

_SPACE = b" \t\r\f\v"
_ESCAPES = {ord("b"): 8, ord("r"): 13, ord("n"): 10, ord("t"): 9, ord("v"): 11, ord("f"): 12}


class BadValue(Exception):
    """The line for the key is there but its value is not valid (getenv gives the default)."""


def getenv(root: Path, key: str, default=None):
    """``os.getenv(key, default)`` against ``root/settings.toml``."""
    try:
        data = (Path(root) / "settings.toml").read_bytes()
    except OSError:
        return default
    try:
        value = lookup(data, key.encode())
    except BadValue:
        return default
    return default if value is None else value.decode("utf-8", "replace")


def lookup(data: bytes, key: bytes) -> bytes | None:
    """The raw value of ``key`` (bytes), None when no line has it; BadValue if ill-formed."""
    for line in _lines(data):
        rest = line.lstrip(_SPACE)
        if rest.startswith(b"["):
            return None  # [section]: not supported, the scan ends here
        if not rest.startswith(key):
            continue
        rest = rest[len(key):].lstrip(_SPACE)
        if not rest.startswith(b"="):
            continue
        return _value(rest[1:])
    return None


def _lines(data: bytes):
    # a NUL byte reads as the end of the file, as the firmware's byte reader returns 0 there
    return data.split(b"\0", 1)[0].split(b"\n")


def _value(text: bytes) -> bytes:
    text = text.lstrip(_SPACE)
    if not text:
        raise BadValue("empty value")
    if text[:1] == b'"':
        return _quoted(text[1:])
    bare = text.split(b"#", 1)[0]
    return bare.rstrip(b" \t\r")


def _quoted(text: bytes) -> bytes:
    out = bytearray()
    i = 0
    while i < len(text):
        c = text[i]
        i += 1
        if c == 0x22:  # the closing quote: only blanks or a comment may follow
            tail = text[i:].lstrip(_SPACE)
            if tail and not tail.startswith(b"#"):
                raise BadValue("text after the string")
            return bytes(out)
        if c == 0x5C:  # backslash
            if i >= len(text):
                raise BadValue("escape at the end of the line")
            c = text[i]
            i += 1
            if c in (ord("u"), ord("U")):
                n = 4 if c == ord("u") else 8
                digits = text[i:i + n]
                i += n
                if len(digits) != n or not all(d in b"0123456789abcdefABCDEF" for d in digits):
                    raise BadValue("bad unicode escape")
                code = int(digits, 16)
                if code >= 0x110000:
                    raise BadValue("invalid unicode escape")
                out += chr(code).encode("utf-8", "surrogatepass")
                continue
            c = _ESCAPES.get(c, c)
        out.append(c)
    raise BadValue("unterminated string")
