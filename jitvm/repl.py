"""The REPL as a board runs it: the friendly REPL (prompts, continuation lines, paste mode),
the switch to the raw REPL (jitvm.rawrepl) and back, and the soft reboot, as MicroPython's
shared/runtime/pyexec.c and ports' main loops do (CircuitPython: its main.c's texts)."""

from __future__ import annotations

import re

from .console import EOF, Console
from .line_editor import CTRL_A, CTRL_B, CTRL_C, CTRL_D, CTRL_E, LineEditor
from .repl_session import ReplExit, ReplSession

_COMPOUND = re.compile(r"(if|while|for|try|with|def|class|async)(?![A-Za-z0-9_])")
PASTE_BANNER = "\npaste mode; Ctrl-C to cancel, Ctrl-D to finish\n=== "


def continue_with_input(text: str) -> bool:
    """MicroPython's mp_repl_continue_with_input: does the statement go on?"""
    if not text:
        return False
    compound = text[0] == "@" or _COMPOUND.match(text) is not None
    depth = quote = 0  # quote: 0, "'", '"', "'''", '"""'
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in "'\"":
            if (not quote or quote == c * 3) and text[i + 1:i + 3] == c * 2:
                quote = 0 if quote else c * 3
                i += 2
            elif not quote or quote == c:
                quote = 0 if quote else c
        elif c == "\\" and i + 1 < n and text[i + 1] in "'\"\\":
            if quote:
                i += 1
        elif not quote:
            depth += (c in "([{") - (c in ")]}")
        i += 1
    if quote in ("'''", '"""'):
        return True
    if depth > 0 and not quote:
        return True
    return text.endswith("\\") or (compound and not text.endswith("\n"))


class Board:
    """A board's main loop over one console: REPL modes and soft reboots. ``local``: the
    `jitvm repl` command (sys.exit() and the end of input leave it); else a serial port
    (jitvm serve), where they soft-reboot as on a board."""

    def __init__(self, session: ReplSession, console: Console, *, local: bool,
                 auto_indent: bool = True) -> None:
        self.session, self.con, self.local = session, console, local
        self.editor = LineEditor(console, session.complete, auto_indent)
        self.mode = "friendly"

    def run(self) -> int:
        """Until the end of input (or sys.exit() at the local REPL): the exit status."""
        from .rawrepl import raw_repl

        banner = True
        try:
            while True:
                if self.mode == "raw":
                    what = raw_repl(self)
                else:
                    what = self.friendly(banner)
                banner = True
                if what == "raw":
                    self.mode = "raw"
                elif what == "friendly":
                    self.mode = "friendly"
                elif what == "reset":
                    banner = self.soft_reboot()
                elif what == "eof":
                    return 0
        except ReplExit as e:
            return e.status
        finally:
            self.session.close()

    # ---- the friendly REPL -----------------------------------------------------------------
    def friendly(self, banner: bool) -> str:
        con = self.con
        if banner:
            con.write(self.session.banner())
        while True:
            code, text = self.editor.readline(b"", ">>> ")
            single = True
            if code == EOF:
                con.write("\n")  # the shell's prompt on a line of its own
                return "eof"
            if code == CTRL_A:
                con.write("\n")
                return "raw"
            if code == CTRL_B:
                con.write("\n")
                con.write(self.session.banner())
                continue
            if code == CTRL_C:
                con.write("\n")
                continue
            if code == CTRL_D:
                con.write("\n")
                return "reset"
            if code == CTRL_E:
                text = self._paste()
                if text is None:
                    continue
                single = False
            elif not text:
                continue
            else:
                text = self._continuation(text)
                if text is None:
                    continue
            source = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
            what = self.session.execute(source, single)
            if what == "exit":
                if self.local:
                    raise ReplExit(self.session.exit_status)
                return "reset"
            if what == "reset":
                return "reset"

    def _continuation(self, text: bytes) -> bytes | None:
        while continue_with_input(text.decode("utf-8", "replace")):
            code, text = self.editor.readline(text + b"\n", "... ")
            if code == CTRL_C:
                self.con.write("\n")
                return None
            if code in (CTRL_D, EOF):
                break
        return text

    def _paste(self) -> str | None:
        """Paste mode: every byte as typed until Ctrl-D (run) or Ctrl-C (cancelled)."""
        con = self.con
        con.write(PASTE_BANNER)
        buf = bytearray()
        while True:
            c = con.read_byte()
            if c == CTRL_C:
                con.write("\n")
                return None
            if c in (CTRL_D, EOF):
                con.write("\n")
                break
            buf.append(c)
            if c == 13:
                con.write("\n=== ")
            elif c == 10 and buf[-2:-1] != b"\r":
                con.write("\n=== ")
            elif c != 10 and con.echo:
                con.write_bytes(bytes([c]))
        return bytes(buf).replace(b"\r\n", b"\n").replace(b"\r", b"\n").decode("utf-8", "replace")

    # ---- soft reboot -----------------------------------------------------------------------
    def soft_reboot(self) -> bool:
        """MicroPython: "MPY: soft reboot", fresh VM, boot.py, main.py (friendly REPL only).
        CircuitPython: "soft reboot", code.py with its messages, then "Press any key".
        Returns whether the REPL shows its banner next."""
        s, con = self.session, self.con
        cp = s.flavour == "circuitpython"
        con.write("soft reboot\n" if cp else "MPY: soft reboot\n")
        s.reset()
        if not cp:
            s.run_file("boot.py")
            if self.mode == "friendly":
                s.run_file("main.py")
            return True
        if self.mode != "friendly":
            return True
        return self._circuitpython_code()

    def _circuitpython_code(self) -> bool:
        """CircuitPython's run_code_py and the wait after it (main.c), in its order:
        "code.py output:", the output, "Code done running.", the auto-reload status, then
        "Press any key to enter the REPL"."""
        from .drive import PROGRAM_NAMES as MAIN_NAMES  # the supervisor's list

        s, con = self.session, self.con
        for name in MAIN_NAMES:
            if (s.root / name).is_file():
                con.write(f"{name} output:\n")
                s.run_file(name)
                break
        con.write("\nCode done running.\n")
        con.write("Auto-reload is off.\n")  # jitvm repl/serve do not watch the drive
        con.write("\nPress any key to enter the REPL. Use CTRL-D to reload.\n")
        c = con.read_byte()
        if c == CTRL_D:
            con.write("\n")
            return self.soft_reboot()
        return c != EOF
