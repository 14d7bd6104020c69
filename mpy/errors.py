"""The one exception the .mpy reader raises: MpyFormatError (file, byte offset, reason)."""

from __future__ import annotations


_ESCAPES = {c: f"\\x{c:02x}" for c in (*range(0x20), 0x7F)}


class MpyFormatError(ValueError):
    """A .mpy file that cannot be read: names the file, the byte offset and the reason."""

    def __init__(self, reason: str, offset: int | None = None, filename: str = "<mpy>") -> None:
        self.reason = reason
        self.offset = offset
        self.filename = filename
        super().__init__(self.one_line())

    def one_line(self) -> str:
        where = f" at byte {self.offset}" if self.offset is not None else ""
        # names read from a damaged file may hold control characters: the message stays a line
        return f"{self.filename}{where}: {self.reason}".translate(_ESCAPES)

    def __str__(self) -> str:  # keep in sync if filename is set after construction
        return self.one_line()
