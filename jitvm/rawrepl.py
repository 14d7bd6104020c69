"""MicroPython's raw REPL and raw-paste protocols (shared/runtime/pyexec.c), what mpremote,
Thonny and ampy speak to a board.

Raw REPL: Ctrl-A enters ("raw REPL; CTRL-B to exit\\r\\n>"), bytes collect until Ctrl-D,
then "OK", the program's output, "\\x04", the exception if any, "\\x04", and the ">" prompt
again. Ctrl-D on no input soft-reboots; Ctrl-C clears the input; Ctrl-B goes back to the
friendly REPL. Raw-paste: "\\x05A\\x01" is answered "R\\x01" + the window size (2 bytes,
little-endian) + "\\x01"; the host then sends at most a window of bytes per "\\x01" the
board sends back; Ctrl-D ends the input (answered "\\x04"), Ctrl-C aborts it."""

from __future__ import annotations

from .console import EOF
from .line_editor import CTRL_A, CTRL_B, CTRL_C, CTRL_D

BANNER = "raw REPL; CTRL-B to exit\r\n"
WINDOW = 128  # MICROPY_REPL_STDIN_BUFFER_MAX (256) / 2, as most ports have it


def raw_repl(board) -> str:
    """Run the raw REPL until Ctrl-B ("friendly"), a soft reboot ("reset") or EOF."""
    con = board.con
    con.write_bytes(BANNER.encode())
    while True:
        con.write_bytes(b">")
        line = bytearray()
        while True:
            c = con.read_byte()
            if c == EOF:
                return "eof"
            if c == CTRL_A:
                if len(line) == 2 and line[0] == 5:
                    what = _raw_paste(board, line[1])
                    if what != "ok":
                        return what
                    line.clear()
                    con.write_bytes(b">")
                    continue
                con.write_bytes(BANNER.encode())
                line.clear()
                con.write_bytes(b">")
                continue
            if c == CTRL_B:
                con.write_bytes(b"\r\n")
                return "friendly"
            if c == CTRL_C:
                line.clear()
            elif c == CTRL_D:
                break
            else:
                line.append(c)
        con.write_bytes(b"OK")
        if not line:
            con.write_bytes(b"\r\n")
            return "reset"
        what = _execute(board, bytes(line))
        if what != "ok":
            return what


def _execute(board, source: bytes) -> str:
    """Compile and run the input as a file: its output, "\\x04", its exception, "\\x04"."""
    con = board.con
    text = source.replace(b"\r\n", b"\n").replace(b"\r", b"\n").decode("utf-8", "replace")
    marked = []

    def mark() -> None:  # pyexec's EXEC_FLAG_PRINT_EOF: once the program is done
        if not marked:
            marked.append(True)
            con.write_bytes(b"\x04")

    try:
        what = board.session.execute(text, single=False, on_done=mark)
    finally:
        mark()
        con.write_bytes(b"\x04")
    return "reset" if what in ("exit", "reset") else "ok"


def _raw_paste(board, kind: int) -> str:
    con = board.con
    if kind != ord("A"):
        con.write_bytes(b"R\x00")
        return "ok"
    con.write_bytes(b"R\x01" + WINDOW.to_bytes(2, "little") + b"\x01")
    data = bytearray()
    remain = WINDOW
    while True:
        c = con.read_byte()
        if c == EOF:
            return "eof"
        if c in (CTRL_C, CTRL_D):
            con.write_bytes(b"\x04")  # the end, as the board saw it
            if c == CTRL_C:  # KeyboardInterrupt while reading: no traceback entries
                from .execute import format_exception_line
                from .gexc import GUEST_EXC

                line = format_exception_line(GUEST_EXC["KeyboardInterrupt"]())
                con.write_bytes(b"\x04" + line.encode() + b"\r\n\x04")
                return "ok"
            break
        data.append(c)
        remain -= 1
        if remain == 0:
            con.write_bytes(b"\x01")  # room for another window
            remain = WINDOW
    what = _execute(board, bytes(data))
    return "ok" if what == "ok" else what
