"""The REPL's line editor: MicroPython's readline behaviour over a Console's bytes.

Keys as MicroPython's shared/readline has them: Ctrl-A..Ctrl-E on an empty line end the
read (the REPL acts on them), Ctrl-C cancels the line, Enter ends it, arrows and
Home/End/Delete move and edit, Ctrl-K/Ctrl-U kill, Ctrl-N/Ctrl-P and up/down walk the
history, Tab completes (or indents after whitespace), and a continuation line starts
auto-indented (a space typed right after the auto-indent takes 3 spaces back, a Tab keeps
it). Backspace over indentation removes 4 spaces at a time."""

from __future__ import annotations

from .console import EOF, Console

CTRL_A, CTRL_B, CTRL_C, CTRL_D, CTRL_E = 1, 2, 3, 4, 5
CTRL_F, CTRL_K, CTRL_N, CTRL_P, CTRL_U = 6, 11, 14, 16, 21
HISTORY = 8  # MicroPython's MICROPY_READLINE_HISTORY_SIZE


class LineEditor:
    def __init__(self, console: Console, completer=None, auto_indent: bool = True) -> None:
        self.con = console
        self.completer = completer  # text before the cursor -> (insert, [matches])
        self.auto_indent = auto_indent
        self.history: list[bytes] = []
        self._last_nl = 0

    def _out(self, data: bytes) -> None:
        if self.con.echo:
            self.con.write_bytes(data)

    def readline(self, before: bytes, prompt: str) -> tuple[int, bytes]:
        """Read one line after ``before`` (earlier lines of the statement, each ending in
        a newline). Returns (0, whole text) on Enter, else (the control key or EOF, text)."""
        self.con.write(prompt)
        self.prompt = prompt.encode()
        self.line = bytearray(before)
        self.start = self.cursor = len(before)
        self.hist_pos = -1
        self.indent_added = False
        self._escape = b""
        self._indent()
        while True:
            c = self.con.read_byte()
            if c == EOF:
                return EOF, bytes(self.line)
            done = self._key(c)
            if done is not None:
                return done, bytes(self.line)

    def _indent(self) -> None:
        """MicroPython's readline_auto_indent: the previous line's indent, +1 after ':',
        none after two blank lines."""
        line = self.line
        if not self.auto_indent or len(line) < 2 or line[-1:] != b"\n":
            return
        prev = bytes(line[:-1]).rsplit(b"\n", 1)
        last = prev[-1]
        spaces = len(last) - len(last.lstrip(b" "))
        if len(prev) > 1 and not last.strip(b" "):
            above = prev[0].rsplit(b"\n", 1)[-1]
            if not above.strip(b" "):
                return
        n = spaces // 4 + (1 if line[-2:-1] == b":" else 0)
        if n:
            self.line += b"    " * n
            self.cursor += 4 * n
            self._out(b"    " * n)
            self.indent_added = True

    def _key(self, c: int) -> int | None:
        if self._escape:
            return self._escape_key(c)
        just_indented, self.indent_added = self.indent_added, False
        if CTRL_A <= c <= CTRL_E and len(self.line) == self.start:
            return c
        if c == CTRL_C:
            return c
        if c in (13, 10):
            if self._last_nl in (0, c):
                self._last_nl = c
                self._out(b"\r\n")
                cur = bytes(self.line[self.start:])
                if cur.strip() and (not self.history or self.history[0] != cur):
                    self.history.insert(0, cur)
                    del self.history[HISTORY:]
                return 0
            self._last_nl = 0
            return None
        self._last_nl = 0
        if just_indented and c in (9, 32):
            if c == 32:  # a space after the auto-indent: the user indents by hand
                del self.line[-3:]
                self.cursor -= 3
                self._redraw(back=3, from_cursor=True)
            return None
        action = _KEYS.get(c)
        if action is not None:
            action(self)
        elif c == 27:
            self._escape = b"\x1b"
        elif c in (8, 127):
            self._backspace()
        elif c == 9:
            self._tab()
        elif c >= 32 and c != 127:
            self._insert(bytes([c]))
        return None

    def _escape_key(self, c: int) -> None:
        seq = self._escape + bytes([c])
        if seq in (b"\x1b[", b"\x1bO") or (seq.startswith(b"\x1b[") and chr(c).isdigit()):
            self._escape = seq
            return None
        self._escape = b""
        key = {b"\x1b[A": self._up, b"\x1b[B": self._down, b"\x1b[C": self._right,
               b"\x1b[D": self._left, b"\x1b[H": self._home, b"\x1b[F": self._end,
               b"\x1bOH": self._home, b"\x1bOF": self._end, b"\x1b[1~": self._home,
               b"\x1b[7~": self._home, b"\x1b[4~": self._end, b"\x1b[8~": self._end,
               b"\x1b[3~": self._delete}.get(seq)
        if key is not None:
            key()
        return None

    # ---- editing -------------------------------------------------------------------------
    def _redraw(self, back: int = 0, from_cursor: bool = False, forward: int = 0,
                old_len: int | None = None) -> None:
        """What MicroPython's readline writes: step back, rewrite the tail, erase leftovers."""
        out = b"\b" * back
        if from_cursor:
            cur = self.cursor
            tail = bytes(self.line[cur:])
            out += tail
            if old_len is None or len(self.line) < old_len:
                out += b"\x1b[K"
            out += b"\b" * (len(tail) - forward)
            self.cursor += forward
        elif forward:
            out += bytes(self.line[self.cursor:self.cursor + forward])
            self.cursor += forward
        self._out(out)

    def _insert(self, data: bytes) -> None:
        n = len(self.line)
        self.line[self.cursor:self.cursor] = data
        self._redraw(from_cursor=True, forward=len(data), old_len=n)

    def _backspace(self) -> None:
        if self.cursor <= self.start:
            return
        before = bytes(self.line[self.start:self.cursor])
        n = 4 if len(before) >= 4 and not before.strip(b" ") else 1
        del self.line[self.cursor - n:self.cursor]
        self.cursor -= n
        self._redraw(back=n, from_cursor=True)

    def _delete(self) -> None:
        if self.cursor < len(self.line):
            del self.line[self.cursor]
            self._redraw(from_cursor=True)

    def _left(self) -> None:
        if self.cursor > self.start:
            self.cursor -= 1
            self._out(b"\b")

    def _right(self) -> None:
        if self.cursor < len(self.line):
            self._redraw(forward=1)

    def _home(self) -> None:
        n = self.cursor - self.start
        self.cursor = self.start
        self._out(b"\b" * n)

    def _end(self) -> None:
        self._redraw(forward=len(self.line) - self.cursor)

    def _kill_end(self) -> None:
        del self.line[self.cursor:]
        self._redraw(from_cursor=True)

    def _kill_start(self) -> None:
        n = self.cursor - self.start
        del self.line[self.start:self.cursor]
        self.cursor = self.start
        self._redraw(back=n, from_cursor=True)

    def _show_history(self, pos: int) -> None:
        self.hist_pos = pos
        text = self.history[pos] if pos >= 0 else b""
        n = self.cursor - self.start
        del self.line[self.start:]
        self.line += text
        self.cursor = self.start
        self._out(b"\b" * n)
        self._redraw(from_cursor=True, forward=len(text))

    def _up(self) -> None:
        if self.hist_pos + 1 < len(self.history):
            self._show_history(self.hist_pos + 1)

    def _down(self) -> None:
        if self.hist_pos >= 0:
            self._show_history(self.hist_pos - 1)

    def _tab(self) -> None:
        if self.cursor > 0 and self.line[self.cursor - 1:self.cursor] in (b" ", b"\n", b"\t"):
            self._insert(b"    ")  # after whitespace a Tab indents, as MicroPython's
            return
        if self.completer is None:
            return
        typed = bytes(self.line[self.start:self.cursor]).decode("utf-8", "replace")
        insert, matches = self.completer(typed)
        if insert:
            self._insert(insert.encode())
        elif len(matches) > 1:
            self.con.write(_columns(matches))
            self.con.write_bytes(self.prompt + bytes(self.line[self.start:self.cursor]))
            self._redraw(from_cursor=True, old_len=len(self.line))


def _columns(words: list[str]) -> str:
    """MicroPython's print_completions: 16-column slots, lines of at most 64 characters,
    the first word on a new line."""
    out, width = [], 64
    for w in words:
        gap = (width + 15) // 16 * 16 - width
        if gap < 2:
            gap += 16
        if width + gap + len(w) <= 64:
            out.append(" " * gap + w)
            width += gap + len(w)
        else:
            out.append("\n" + w)
            width = len(w)
    return "".join(out) + "\n"


_KEYS = {CTRL_A: LineEditor._home, CTRL_B: LineEditor._left, CTRL_D: LineEditor._delete,
         CTRL_E: LineEditor._end, CTRL_F: LineEditor._right, CTRL_K: LineEditor._kill_end,
         CTRL_N: LineEditor._down, CTRL_P: LineEditor._up, CTRL_U: LineEditor._kill_start}
