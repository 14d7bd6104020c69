"""The drive as a filesystem object of MicroPython's VFS layer (extmod/vfs_posix.c's role on
the unix port, VfsFat's on a board): what ``vfs.mount()`` lists at "/", what ``vfs.VfsPosix``
makes for a folder of the drive, and what ``open``, ``os`` and ``import`` reach through the
mount table (:mod:`jitvm.mounts`) for paths on it.

Paths given to its methods are paths inside this filesystem ("/x/y", or relative to its own
current folder), as the mount table passes them. The host folder behind it never shows: a
path that leads out of it (by ``..`` or by a link) does not exist for the guest.
"""

from __future__ import annotations

import errno
import os as host_os
from pathlib import Path

from .gexc import GUEST_EXC
from .importer import inside
from .streams import DIR_BYTES, open_on_drive

_OSError = GUEST_EXC["OSError"]
S_IFDIR = 0x4000
S_IFREG = 0x8000
_ACTIVE: list = []  # the running VM's mount table: what a guest-made VfsPosix is rooted in


def _guest_errors(fn):
    """Host OSErrors become the guest's OSError(errno), as the firmware raises them."""
    def call(*args):
        try:
            return fn(*args)
        except _OSError:
            raise
        except FileNotFoundError:
            raise _OSError(errno.ENOENT) from None
        except FileExistsError:
            raise _OSError(errno.EEXIST) from None
        except NotADirectoryError:
            raise _OSError(errno.ENOTDIR) from None
        except IsADirectoryError:
            raise _OSError(errno.EISDIR) from None
        except PermissionError:
            raise _OSError(errno.EACCES) from None
        except OSError as e:
            raise _OSError(e.errno or errno.EIO) from None
    call.__name__ = fn.__name__
    call.__qualname__ = fn.__qualname__
    return call


class VfsPosix:
    """A folder of the drive as a filesystem (``vfs.VfsPosix(root=None)``: ``root`` is a
    folder of the drive, the drive's top by default).

    As on the unix port, every VfsPosix shares one current folder (the process's, here the
    drive's ``cwd``): absolute paths start at the filesystem's root, relative ones at that
    folder, and ``chdir`` on any of them moves it."""

    def __init__(self, root=None) -> None:
        table = _ACTIVE[0] if _ACTIVE else None
        if table is None:
            raise _OSError(errno.ENODEV)
        top = Path(table.vm.root)
        if root is not None:
            if isinstance(root, (bytes, bytearray)):
                root = bytes(root).decode()
            if not isinstance(root, str):
                raise GUEST_EXC["TypeError"](f"can't convert {type(root).__name__} to str")
            top = table.host_dir(root)  # a folder the guest can name now, through the table
            if top is None or not top.is_dir():
                raise _OSError(errno.ENOENT)
        self._init(top, table.vm.drive, root is not None)

    def _init(self, top: Path, drive, rooted: bool) -> None:
        object.__setattr__(self, "_top", top)
        object.__setattr__(self, "_drive", drive)
        object.__setattr__(self, "_rooted", rooted)  # getcwd() strips the root, as unix's
        object.__setattr__(self, "_readonly", False)

    @classmethod
    def _of_drive(cls, vm):
        """The drive itself, mounted at "/" when the VM starts."""
        self = object.__new__(cls)
        self._init(Path(vm.root), vm.drive, False)
        return self

    def __setattr__(self, name, value) -> None:
        raise GUEST_EXC["AttributeError"](f"can't set attribute '{name}'")

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"

    # ---- paths ---------------------------------------------------------------------------
    def _host(self, path) -> Path:
        """The host path for a path of this filesystem, links resolved, inside the drive:
        an absolute one from this filesystem's root (".." stops there), a relative one from
        the shared current folder (".." stops at the drive's top)."""
        if isinstance(path, (bytes, bytearray)):
            path = host_os.fsdecode(bytes(path))
        if not isinstance(path, str):
            raise GUEST_EXC["TypeError"]("can't convert to str implicitly")
        if "\0" in path or len(path) > 4096:
            raise _OSError(errno.ENOENT)
        drive_root = Path(self._drive.root)
        if path.startswith("/"):
            base = self._top
            parts: list[str] = []
        else:
            base = drive_root
            cwd = Path(self._drive.cwd)
            parts = [] if cwd == drive_root else list(cwd.relative_to(drive_root).parts)
        for part in path.split("/"):
            if part in ("", "."):
                continue
            if part == "..":
                if parts:
                    parts.pop()
                continue
            parts.append(part)
        return inside(drive_root, base.joinpath(*parts) if parts else base)

    def _writable(self) -> None:
        if self._readonly:
            raise _OSError(errno.EROFS)
        self._drive.check_writable()

    # ---- the VFS protocol ----------------------------------------------------------------
    def mount(self, readonly=False, mkfs=False):
        object.__setattr__(self, "_readonly", bool(readonly))

    def umount(self):
        pass

    @_guest_errors
    def open(self, path, mode="r", buffering=-1, encoding=None):
        if isinstance(mode, str) and any(c in mode for c in "wax+"):
            if self._readonly:
                raise _OSError(errno.EROFS)
        return open_on_drive(self._host(path), mode, self._drive, encoding, buffering)

    def ilistdir(self, path="."):
        return iter(list(self._entries(path)))  # a plain iterator, never a host generator

    @_guest_errors
    def _entries(self, path):
        as_bytes = isinstance(path, (bytes, bytearray))
        d = self._host(path)
        out = []
        for n in sorted(host_os.listdir(d)):
            p = _inside_or_none(self._top, d / n)  # a link out of the drive: an empty file
            name = host_os.fsencode(n) if as_bytes else n
            if p is None:
                out.append((name, S_IFREG, 0, 0))
                continue
            out.append((name, S_IFDIR if p.is_dir() else S_IFREG, 0,
                        p.stat().st_size if p.is_file() else 0))
        return out

    @_guest_errors
    def stat(self, path):
        p = self._host(path)
        st = host_os.stat(p)
        mode = S_IFDIR if p.is_dir() else S_IFREG
        return (mode, 0, 0, 0, 0, 0, st.st_size, int(st.st_atime), int(st.st_mtime),
                int(st.st_ctime))

    def statvfs(self, path):
        bsize = 4096
        total = max(1, self._drive.size // bsize)
        free = max(0, (self._drive.size - self._drive.used) // bsize)
        return (bsize, bsize, total, free, free, 0, 0, 0, 0, 255)

    @_guest_errors
    def chdir(self, path):
        p = self._host(path)
        if not p.is_dir():
            raise _OSError(errno.ENOENT if not p.exists() else errno.ENOTDIR)
        self._drive.cwd = p

    def getcwd(self):
        cwd = Path(self._drive.cwd)
        if not cwd.is_dir():  # the current folder was removed
            raise _OSError(errno.ENOENT)
        for top, rooted in ((self._top, self._rooted), (Path(self._drive.root), False)):
            if cwd == top:
                return "" if rooted else "/"
            if top in cwd.parents:
                return "/" + cwd.relative_to(top).as_posix()
        return "/"

    @_guest_errors
    def mkdir(self, path):
        self._writable()
        p = self._host(path)
        self._drive.charge(DIR_BYTES)
        try:
            host_os.mkdir(p)
        except BaseException:
            self._drive.adjust(-DIR_BYTES)
            raise

    @_guest_errors
    def rmdir(self, path):
        self._writable()
        host_os.rmdir(self._host(path))
        self._drive.adjust(-DIR_BYTES)

    @_guest_errors
    def remove(self, path):
        self._writable()
        p = self._host(path)
        size = p.stat().st_size if p.is_file() and not p.is_symlink() else 0
        host_os.remove(p)
        self._drive.adjust(-size)

    @_guest_errors
    def rename(self, old, new):
        self._writable()
        host_os.rename(self._host(old), self._host(new))


def _inside_or_none(top: Path, p: Path):
    try:
        return inside(top, p)
    except OSError:
        return None
