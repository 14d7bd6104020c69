"""A virtual serial port: a pseudo-terminal whose far end (/dev/pts/N) a serial tool opens
as it would a board's USB serial port (mpremote, Thonny, picocom, screen)."""

from __future__ import annotations

import fcntl
import os
import termios
import tty


class VirtualSerialPort:
    """A pty. The VM reads and writes the master end; ``path`` is the slave's name. The
    port keeps its own slave descriptor open, so that a tool closing the port (mpremote
    does after each command) is not an end of input, and sets it raw: no echo, no newline
    translation, no signals, as a USB CDC port is."""

    def __init__(self) -> None:
        self.master, self._slave = os.openpty()
        self.path = os.ttyname(self._slave)
        tty.setraw(self._slave, termios.TCSANOW)
        flags = fcntl.fcntl(self.master, fcntl.F_GETFL)
        fcntl.fcntl(self.master, fcntl.F_SETFL, flags | os.O_NONBLOCK)  # no client: no hang
        try:
            os.chmod(self.path, 0o600)  # the user's own port, as a USB serial port for its owner
        except OSError:
            pass

    def close(self) -> None:
        for fd in (self.master, self._slave):
            try:
                os.close(fd)
            except OSError:
                pass
