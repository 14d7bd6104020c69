"""The REPL's serial line: bytes in from a file descriptor (a terminal, a pipe or a pty's
master end), text out to one, and Ctrl-C turned into a guest KeyboardInterrupt while guest
code runs (a board's UART interrupt character, MicroPython's mp_hal_set_interrupt_char)."""

from __future__ import annotations

import errno
import os
import queue
import select
import threading

CTRL_C = 3
EOF = -1  # read_byte()'s value at the end of the input


class Console:
    """One end of a serial line. A reader thread takes every byte as it arrives, so that a
    Ctrl-C reaches running guest code at once; the REPL reads the others in order.

    ``crlf``: newlines go out as CR LF, as a board's UART sends them. ``echo``: the line
    editor echoes what is typed (off for piped input)."""

    def __init__(self, in_fd: int, out_fd: int, *, crlf: bool = True, echo: bool = True,
                 keep_open: bool = False) -> None:
        self.in_fd, self.out_fd = in_fd, out_fd
        self.crlf, self.echo = crlf, echo
        self.keep_open = keep_open  # a pty master: no client (EIO) is not the end of input
        self._bytes: queue.Queue[int] = queue.Queue()
        self._lock = threading.Lock()
        self._interrupt = None  # a callable while guest code runs and Ctrl-C interrupts it
        self._closed = False
        self._stalled = False  # output found nobody reading: dropped until someone does
        self._thread = threading.Thread(target=self._pump, name="jitvm-console", daemon=True)
        self._thread.start()

    # ---- input -------------------------------------------------------------------------
    def _pump(self) -> None:
        while not self._closed:
            try:
                ready, _, _ = select.select([self.in_fd], [], [], 0.2)
                if not ready:
                    continue
                data = os.read(self.in_fd, 4096)
            except OSError as e:
                if self.keep_open and e.errno in (errno.EIO, errno.EAGAIN, errno.EINTR):
                    threading.Event().wait(0.05)  # the client closed the port: wait for the next
                    continue
                data = b""
            except (ValueError, TypeError):
                data = b""
            if not data:
                if self.keep_open:
                    threading.Event().wait(0.05)
                    continue
                self._bytes.put(EOF)
                return
            for b in data:
                if b == CTRL_C and self._deliver_interrupt():
                    continue
                self._bytes.put(b)

    def _deliver_interrupt(self) -> bool:
        """Ctrl-C while guest code runs: the interrupt handler takes it (True), unless the
        guest turned it off with micropython.kbd_intr(-1), when it is a plain byte."""
        with self._lock:
            if self._interrupt is None:
                return False
            return self._interrupt() is not False

    def read_byte(self, timeout: float | None = None) -> int | None:
        """The next byte (EOF at the end of input); None when ``timeout`` passes first.
        Waits in short slices, so that a KeyboardInterrupt raised in the waiting guest
        thread (Ctrl-C during input()) is delivered."""
        from . import interrupt

        while True:
            try:
                b = self._bytes.get(timeout=0.05 if timeout is None else timeout)
                break
            except queue.Empty:
                interrupt.check()  # a Ctrl-C for the guest waiting here (input(), stdin)
                if timeout is not None:
                    return None
        if b == EOF:
            self._bytes.put(EOF)  # every later read sees the end too
        return b

    def pending(self) -> bool:
        return not self._bytes.empty()

    def drain(self) -> None:
        """Forget the bytes received so far (not an end of input)."""
        keep_eof = False
        while True:
            try:
                keep_eof |= self._bytes.get_nowait() == EOF
            except queue.Empty:
                break
        if keep_eof:
            self._bytes.put(EOF)

    def set_interrupt(self, fn) -> None:
        """While ``fn`` is set, a Ctrl-C byte calls it instead of being read; one typed
        ahead (while the input compiled) counts too."""
        with self._lock:
            self._interrupt = fn
            if fn is None:
                return
            from . import interrupt

            if not interrupt.enabled():
                return
            with self._bytes.mutex:
                q = self._bytes.queue
                typed_ahead = CTRL_C in q
                if typed_ahead:
                    q.remove(CTRL_C)
            if typed_ahead:
                fn()

    # ---- output ------------------------------------------------------------------------
    def write_bytes(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            try:
                n = os.write(self.out_fd, view)
            except BlockingIOError:  # a pty nobody reads: wait a little, then drop the rest
                if self._stalled:
                    return  # still nobody: drop at once, the guest runs on
                _, ready, _ = select.select([], [self.out_fd], [], 0.5)
                if not ready:
                    self._stalled = True
                    return
                continue
            except OSError:
                return  # the other end is gone: output is lost, as on an unplugged cable
            self._stalled = False
            view = view[n:]

    def write(self, text: str) -> None:
        data = text.encode("utf-8", "surrogatepass")
        if self.crlf:
            data = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
        self.write_bytes(data)

    def close(self) -> None:
        self._closed = True


class GuestOutput:
    """The guest's stdout on the console: what print() and sys.stdout write."""

    def __init__(self, console: Console) -> None:
        self._console = console
        self.buffer = _BinaryOutput(console)

    def write(self, s: str) -> int:
        self._console.write(s)
        return len(s)

    def flush(self) -> None:
        pass

    def fileno(self) -> int:
        return self._console.out_fd


class _BinaryOutput:
    def __init__(self, console: Console) -> None:
        self._console = console

    def write(self, b) -> int:
        self._console.write_bytes(bytes(b))  # raw bytes, as a board's sys.stdout.buffer
        return len(b)

    def flush(self) -> None:
        pass

    def fileno(self) -> int:
        return self._console.out_fd


class GuestInput:
    """The guest's sys.stdin on the console: bytes as they arrive, no echo (a board's
    sys.stdin); text mode decodes UTF-8."""

    def __init__(self, console: Console) -> None:
        self._console = console
        self.buffer = _BinaryInput(console)

    def read(self, n: int = -1) -> str:
        return self.buffer.read(n).decode("utf-8", "replace")

    def readline(self, limit: int = -1) -> str:
        out = bytearray()
        while limit < 0 or len(out) < limit:
            b = self._console.read_byte()
            if b == EOF:
                break
            out.append(b)
            if b == 10:
                break
        return out.decode("utf-8", "replace")

    def readlines(self) -> list[str]:
        lines = []
        while True:
            line = self.readline()
            if not line:
                return lines
            lines.append(line)

    def fileno(self) -> int:
        return self._console.in_fd

    def ready(self) -> bool:
        return self._console.pending()


class _BinaryInput:
    def __init__(self, console: Console) -> None:
        self._console = console

    def read(self, n: int = -1) -> bytes:
        out = bytearray()
        while n < 0 or len(out) < n:
            b = self._console.read_byte()
            if b == EOF:
                break
            out.append(b)
        return bytes(out)

    def readline(self, limit: int = -1) -> bytes:
        return GuestInput(self._console).readline(limit).encode("utf-8", "surrogatepass")

    def ready(self) -> bool:
        return self._console.pending()

    def fileno(self) -> int:
        return self._console.in_fd
