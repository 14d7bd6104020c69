"""Guest streams and files: guest objects wrapping host ones, and the drive's size budget.

The guest never holds a host stream or file object: ``sys.stdin/stdout/stderr`` and
``open()`` results are :class:`TextIOWrapper`/:class:`FileIO` objects (MicroPython's
names) that show MicroPython's methods only, cannot be built by the guest, never close or
detach the host's own streams, and never show a host path. Writes into the VM root are
charged to the :class:`Drive`; past its size they raise ``OSError(ENOSPC)``.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from .gexc import GUEST_EXC

_OSError = GUEST_EXC["OSError"]
_TOKEN = object()  # only jitvm can build a stream: the guest has no way to name this object

DEFAULT_DRIVE_SIZE = 16 * 1024 * 1024
DIR_BYTES = 4096  # what a folder costs the drive (a block on the host's disk)
_WALK_LIMIT = 200_000  # entries counted when sizing what the drive holds at start

_METHODS = ("read", "readinto", "readline", "readlines", "write", "flush", "close", "seek",
            "tell", "fileno", "__enter__", "__exit__", "__iter__", "__next__")


class Drive:
    """The CIRCUITPY drive's capacity: what the root held at start plus what the guest adds."""

    def __init__(self, root: Path, size: int = DEFAULT_DRIVE_SIZE) -> None:
        self.root = root
        self.size = size
        self._used: int | None = None
        self.readonly = False  # True: guest writes raise OSError(EROFS) (--read-only-drive)
        self.usb_visible = False  # the host "has" the drive: remount only from boot.py
        self.in_boot = False  # boot.py is running: it may remount and write
        self.cwd = root  # the current folder (a host path inside root), shared as a process's

    def check_writable(self) -> None:
        """CircuitPython's read-only CIRCUITPY: a guest write raises OSError(EROFS)."""
        if self.readonly and not self.in_boot:
            raise _OSError(errno.EROFS)

    @property
    def used(self) -> int:
        if self._used is None:
            self._used = _tree_size(self.root)
        return self._used

    def charge(self, n: int) -> None:
        if n > 0 and self.used + n > self.size:
            raise _OSError(errno.ENOSPC)
        self._used = self.used + n

    def adjust(self, n: int) -> None:
        self._used = max(0, self.used + n)


def _tree_size(root: Path) -> int:
    total = 0
    seen = 0
    stack = [str(root)]
    while stack and seen < _WALK_LIMIT:
        try:
            with os.scandir(stack.pop()) as it:
                for e in it:
                    seen += 1
                    if e.is_dir(follow_symlinks=False):
                        stack.append(e.path)
                        total += DIR_BYTES
                    elif e.is_file(follow_symlinks=False):
                        total += e.stat(follow_symlinks=False).st_size
        except OSError:
            continue
    return total


def _guest_os_error(e: BaseException) -> BaseException:
    if isinstance(e, OSError) and not isinstance(e, _OSError):
        return _OSError(e.errno or errno.EIO)
    if type(e) is ValueError and "closed file" in str(e):  # I/O on a closed host file
        return _OSError(errno.EBADF)
    return e


class _Stream:
    """What every guest stream shares: the host object stays in a slot the guest can't read."""

    __slots__ = ("_h", "_closed", "_binary", "__weakref__")
    __guest_attrs__ = _METHODS

    def __init__(self, host, token, binary: bool = False) -> None:
        if token is not _TOKEN:
            raise GUEST_EXC["TypeError"](f"cannot create '{type(self).__name__}' instances")
        self._h = host
        self._closed = False
        self._binary = binary

    def _host(self):
        if self._closed:
            raise _OSError(errno.EBADF)
        return self._h

    def _call(self, fn, *args):
        try:
            return fn(*args)
        except (OSError, ValueError) as e:
            g = _guest_os_error(e)
            if g is e:
                raise
            raise g from None

    def read(self, n=-1):
        h = self._host()
        return self._call(h.read, -1 if n is None else n)

    def readinto(self, buf, n=None):
        h = self._host()
        data = self._call(h.read, len(buf) if n is None else n)
        if isinstance(data, str):
            data = data.encode()
        buf[: len(data)] = data
        return len(data)

    def readline(self, limit=-1):
        return self._call(self._host().readline, limit)

    def readlines(self):
        return self._call(self._host().readlines)

    def write(self, data, *window):
        h = self._host()
        if window:
            data = _window(data, window)
        if self._binary:
            if isinstance(data, str):
                raise GUEST_EXC["TypeError"]("object with buffer protocol required")
            data = bytes(data)
        elif not isinstance(data, str):
            if isinstance(data, (bytes, bytearray, memoryview)):
                data = bytes(data).decode("utf-8", "replace")
            else:
                raise GUEST_EXC["TypeError"]("object with buffer protocol required")
        self._before_write(data)
        self._call(h.write, data)
        self._after_write()
        return len(data)

    def _before_write(self, data) -> None:
        pass

    def _after_write(self) -> None:
        pass

    def flush(self):
        self._call(self._host().flush)

    def seek(self, offset, whence=0):
        return self._call(self._host().seek, offset, whence)

    def tell(self):
        return self._call(self._host().tell)

    def fileno(self):
        return self._call(self._host().fileno)

    def _fd_number(self) -> int:
        """What the unix port's repr shows: the file descriptor, -1 once closed."""
        if self._closed:
            return -1
        try:
            n = self.fileno()
        except Exception:  # noqa: BLE001 - a host stream without a descriptor
            return -1
        return n if isinstance(n, int) else -1

    def close(self):
        self._closed = True

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __iter__(self):
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line


class TextIOWrapper(_Stream):
    """A text stream or file (MicroPython's ``TextIOWrapper``)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"<io.TextIOWrapper {self._fd_number()}>"


class FileIO(_Stream):
    """A binary stream or file (MicroPython's ``FileIO``)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"<io.FileIO {self._fd_number()}>"


def _window(data, window: tuple):
    """MicroPython's write(buf, max_len) and write(buf, off, max_len): that part of buf."""
    if len(window) > 2:
        raise GUEST_EXC["TypeError"]("function expected at most 4 arguments")
    for v in window:
        if isinstance(v, bool) or not isinstance(v, int):
            raise GUEST_EXC["TypeError"](f"can't convert {type(v).__name__} to int")
    off, max_len = (0, window[0]) if len(window) == 1 else window
    text = isinstance(data, str)
    raw = data.encode() if text else bytes(data)
    off = min(max(off, 0), len(raw))
    part = raw[off:off + max(max_len, 0)]
    return part.decode("utf-8", "replace") if text else part


class _StdStream:
    """sys.stdin/stdout/stderr: close() leaves the host's stream open; writes flush at once
    when ``autoflush`` (a supervised run may be killed at its time limit: nothing is lost)."""

    __slots__ = ()

    def close(self):
        pass

    def seek(self, offset, whence=0):
        raise _OSError(errno.ESPIPE)

    def tell(self):
        raise _OSError(errno.ESPIPE)

    def fileno(self):
        return self._fd

    def _after_write(self) -> None:
        if self._autoflush:
            self._call(self._h.flush)

    def _jitvm_poll(self, mask: int) -> int:
        """select.poll on sys.stdin/stdout: stdin is readable when a byte waits (the
        console's, or the host descriptor's); the outputs are always writable."""
        if self._fd != 0:
            return mask & 4
        return mask & 1 if input_ready(self._h) else 0


def input_ready(host) -> bool:
    ready = getattr(host, "ready", None)
    if ready is not None:  # the REPL's console (jitvm.console.GuestInput)
        return bool(ready())
    try:
        import select

        return bool(select.select([host.fileno()], [], [], 0)[0])
    except (OSError, ValueError, AttributeError, TypeError):
        return False


class StdText(_StdStream, TextIOWrapper):
    __slots__ = ("_fd", "_autoflush", "_buffer")
    __guest_attrs__ = _METHODS + ("buffer",)

    def __init__(self, host, token, fd: int, autoflush: bool = False) -> None:
        TextIOWrapper.__init__(self, host, token)
        self._fd = fd
        self._autoflush = autoflush
        raw = getattr(host, "buffer", None)
        self._buffer = StdBinary(raw, token, fd, autoflush, text=host) if raw is not None else None

    @property
    def buffer(self):
        if self._buffer is None:
            raise GUEST_EXC["AttributeError"]("'TextIOWrapper' object has no attribute 'buffer'")
        return self._buffer




class StdBinary(_StdStream, FileIO):
    __slots__ = ("_fd", "_autoflush", "_text")

    def __init__(self, host, token, fd: int, autoflush: bool = False, text=None) -> None:
        FileIO.__init__(self, host, token, binary=True)
        self._fd = fd
        self._autoflush = autoflush
        self._text = text

    def _before_write(self, data) -> None:
        if self._text is not None:  # keep text and bytes in the order the guest wrote them
            self._call(self._text.flush)




def std_streams(stdin, stdout, stderr, autoflush: bool = False) -> tuple:
    """The guest's sys.stdin, sys.stdout, sys.stderr over the host's."""
    out = []
    for fd, host in ((0, stdin), (1, stdout), (2, stderr)):
        out.append(StdText(host, _TOKEN, fd, autoflush))
    return tuple(out)


class DriveFile(_Stream):
    """A file on the drive: writes are charged to the drive, sizes settled on flush/close."""

    __slots__ = ("_drive", "_known", "_pending")

    def __init__(self, host, token, drive: Drive, binary: bool) -> None:
        _Stream.__init__(self, host, token, binary)
        self._drive = drive
        self._known = self._size()
        self._pending = 0

    def _size(self) -> int:
        try:
            return os.fstat(self._h.fileno()).st_size
        except (OSError, ValueError):
            return 0

    def _before_write(self, data) -> None:
        n = len(data.encode("utf-8", "surrogatepass")) if isinstance(data, str) else len(data)
        self._drive.charge(n)
        self._pending += n

    def _settle(self) -> None:
        real = self._size()
        self._drive.adjust(real - self._known - self._pending)
        self._known, self._pending = real, 0

    def flush(self):
        self._call(self._host().flush)
        self._settle()

    def seek(self, offset, whence=0):
        h = self._host()
        if self._pending:
            self._call(h.flush)
            self._settle()
        pos = self._call(h.seek, offset, whence)
        if pos > self._known and self._h.writable():  # a later write makes the gap real
            self._drive.charge(pos - self._known)
            self._pending += pos - self._known
        return pos

    def close(self):
        if self._closed:
            return
        try:
            self._h.flush()
        except (OSError, ValueError):
            pass
        self._settle()
        self._closed = True
        try:
            self._h.close()
        except (OSError, ValueError):
            pass


class DriveText(DriveFile, TextIOWrapper):
    __slots__ = ()


class DriveBinary(DriveFile, FileIO):
    __slots__ = ()


GUEST_STREAM_TYPES = {TextIOWrapper: _METHODS, FileIO: _METHODS, StdText: _METHODS + ("buffer",),
                      StdBinary: _METHODS, DriveText: _METHODS, DriveBinary: _METHODS}
for _t in GUEST_STREAM_TYPES:  # MicroPython prints <class 'TextIOWrapper'>, <class 'FileIO'>
    _t.__name__ = _t.__qualname__ = "FileIO" if issubclass(_t, FileIO) else "TextIOWrapper"
    _t.__module__ = "builtins"

_MODE_CHARS = set("rwabt+x")


def open_on_drive(host_path: Path, mode, drive: Drive, encoding=None, buffering=-1):
    """open() for the guest: MicroPython's arguments only, a guest file object back."""
    if not isinstance(mode, str) or not mode or set(mode) - _MODE_CHARS:
        raise GUEST_EXC["ValueError"](f"invalid mode: {mode!r}" if isinstance(mode, str)
                                      else "invalid mode")
    if encoding not in (None, "utf-8", "utf8", "UTF-8"):
        raise GUEST_EXC["ValueError"]("only utf-8 is supported")
    binary = "b" in mode
    writing = any(c in mode for c in "wax+")
    if writing:
        drive.check_writable()
        drive.used  # size the drive before this open changes it
    old = 0
    if "w" in mode:
        try:
            old = host_path.stat().st_size if host_path.is_file() else 0
        except OSError:
            old = 0
    kwargs = {} if binary else {"encoding": "utf-8", "newline": ""}
    fd_flags = os.O_NOFOLLOW if hasattr(os, "O_NOFOLLOW") else 0
    host = open(host_path, mode, buffering if isinstance(buffering, int) else -1,
                opener=lambda p, flags: os.open(p, flags | fd_flags, 0o666), **kwargs)
    if old:
        drive.adjust(-old)
    return (DriveBinary if binary else DriveText)(host, _TOKEN, drive, binary)
