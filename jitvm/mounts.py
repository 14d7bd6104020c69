"""MicroPython's mount table (extmod/vfs.c): filesystems mounted at paths, the current one,
and every path of ``open``, ``os`` and ``import`` looked up through it.

A filesystem is the drive (:class:`jitvm.vfs.VfsPosix`, at "/" when the VM starts) or any
guest object with the VFS methods (``mount``, ``open``, ``stat``, ``ilistdir``, ``chdir``,
``getcwd``...), as ``mpremote mount`` and the perf_bench import tests mount. Lookup follows
``mp_vfs_lookup_path``: an absolute path goes to the mount whose path is its longest prefix
("/" last), with the rest of the path ("/" at least); a relative path goes to the current
filesystem as it is; "/" itself is the virtual root, which lists the mount points.

The guest's filesystem objects are called through the sandbox, as guest code would call them.
"""

from __future__ import annotations

import errno
import io as _host_io
from pathlib import Path

from .gexc import GUEST_EXC
from .vfs import S_IFDIR, S_IFREG, VfsPosix, _ACTIVE

_OSError = GUEST_EXC["OSError"]
ROOT = "root"  # the virtual root directory ("/", nothing mounted there looked at)
DEFAULT_READ_CHUNK = 21  # mp_reader_vfs's default buffer (64-bit unix port)
MIN_READ_CHUNK, MAX_READ_CHUNK = 5, 255


class Mount:
    __slots__ = ("path", "obj")

    def __init__(self, path: str, obj) -> None:
        self.path, self.obj = path, obj


class MountTable:
    def __init__(self, vm, root_fs) -> None:
        self.vm = vm
        self.mounts: list[Mount] = [Mount("/", root_fs)]
        self.cur = self.mounts[0]  # a Mount, or ROOT after chdir("/")
        _ACTIVE[:] = [self]

    # ---- lookup --------------------------------------------------------------------------
    def lookup(self, path):
        """(mount, path inside it), (ROOT, None) or (None, None) when nothing is there."""
        as_bytes = isinstance(path, (bytes, bytearray))
        p = bytes(path).decode("utf-8", "surrogateescape") if as_bytes else path
        if not isinstance(p, str):
            raise GUEST_EXC["TypeError"](f"can't convert {type(path).__name__} to str")
        if p.startswith("/") or self.cur is ROOT:
            absolute = p.startswith("/")
            rest = p[1:] if absolute else p
            if rest == "":
                return ROOT, None
            for m in self.mounts:
                n = len(m.path) - 1
                if n == 0:
                    return m, self._typed("/" + rest if absolute else rest, as_bytes)
                if rest.startswith(m.path[1:]):
                    if rest[n:n + 1] == "/":
                        return m, self._typed(rest[n:], as_bytes)
                    if rest[n:] == "":
                        return m, self._typed("/", as_bytes)
            return None, None
        return self.cur, self._typed(p, as_bytes)

    @staticmethod
    def _typed(s: str, as_bytes: bool):
        return s.encode("utf-8", "surrogateescape") if as_bytes else s

    def call(self, m, name: str, *args):
        """mp_vfs_proxy_call: the method of the filesystem a lookup found."""
        if m is None:
            raise _OSError(errno.ENODEV)
        if m is ROOT:
            raise _OSError(errno.EPERM)
        return self.vm.sandbox.getattr(m.obj, name)(*args)

    def root_mount(self):
        return next((m for m in self.mounts if m.path == "/"), None)

    # ---- mount / umount ------------------------------------------------------------------
    def mount(self, obj=None, mount_point=None, *, readonly=False, mkfs=False):
        if obj is None and mount_point is None:
            return [(m.obj, m.path) for m in self.mounts]
        if mount_point is None:
            raise GUEST_EXC["TypeError"]("function missing 1 required positional arguments")
        if isinstance(mount_point, (bytes, bytearray)):
            mount_point = bytes(mount_point).decode()
        if not isinstance(mount_point, str):
            raise GUEST_EXC["TypeError"](f"can't convert {type(mount_point).__name__} to str")
        try:
            self.vm.sandbox.getattr(obj, "mount")
        except AttributeError:  # a block device: no filesystem on it jitvm can read
            raise _OSError(errno.ENODEV) from None
        m = Mount(mount_point, obj)
        self.call(m, "mount", readonly, mkfs)
        existing, _ = self.lookup(mount_point)
        if existing is not None and existing is not ROOT:
            if not (len(m.path) != 1 and existing.path == "/"):
                raise _OSError(errno.EPERM)  # mount point in use
        k = next((i for i, e in enumerate(self.mounts) if e.path == "/"), len(self.mounts))
        self.mounts.insert(k, m)  # anything mounted at "/" stays last
        return None

    def umount(self, what):
        found = None
        for i, m in enumerate(self.mounts):
            if (isinstance(what, str) and what == m.path) or m.obj is what:
                found = self.mounts.pop(i)
                break
        if found is None:
            raise _OSError(errno.EINVAL)
        if self.cur is found:
            self.cur = ROOT
        self.call(found, "umount")

    # ---- the os functions ----------------------------------------------------------------
    def open(self, path, mode="r", buffering=-1, encoding=None):
        m, out = self.lookup(path)
        if m is not None and m is not ROOT and isinstance(m.obj, VfsPosix):
            return m.obj.open(out, mode, buffering, encoding)  # the drive: all the arguments
        return self.call(m, "open", out, mode)

    def chdir(self, path):
        m, out = self.lookup(path)
        if m is ROOT:
            top = self.root_mount()
            if top is not None:
                self.call(top, "chdir", "/")
        else:
            self.call(m, "chdir", out)
        self.cur = m

    def getcwd(self):
        if self.cur is ROOT:
            return "/"
        cwd = self.call(self.cur, "getcwd")
        if self.cur.path == "/":
            return cwd
        if not isinstance(cwd, str):
            raise GUEST_EXC["TypeError"](f"can't convert {type(cwd).__name__} to str")
        return self.cur.path + ("" if cwd == "/" else cwd)

    def ilistdir(self, path=""):
        m, out = self.lookup(path)
        if m is ROOT:
            return iter(self._root_entries(isinstance(path, (bytes, bytearray))))
        return self.call(m, "ilistdir", out)

    def _root_entries(self, as_bytes: bool) -> list:
        out = []
        for m in self.mounts:
            if m.path == "/":
                out.extend(self.call(m, "ilistdir", b"/" if as_bytes else "/"))
                break
            name = m.path[1:]
            out.append((name.encode() if as_bytes else name, S_IFDIR, 0))
        return out

    def listdir(self, path=""):
        return [entry[0] for entry in self.ilistdir(path)]

    def mkdir(self, path):
        m, out = self.lookup(path)
        if m is ROOT or (m is not None and out in ("/", b"/")):
            raise _OSError(errno.EEXIST)
        return self.call(m, "mkdir", out)

    def remove(self, path):
        m, out = self.lookup(path)
        return self.call(m, "remove", out)

    def rmdir(self, path):
        m, out = self.lookup(path)
        return self.call(m, "rmdir", out)

    def rename(self, old, new):
        m_old, out_old = self.lookup(old)
        m_new, out_new = self.lookup(new)
        if m_old is not m_new:
            raise _OSError(errno.EPERM)  # across filesystems
        return self.call(m_old, "rename", out_old, out_new)

    def stat(self, path):
        m, out = self.lookup(path)
        if m is ROOT:
            return (S_IFDIR, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        return self.call(m, "stat", out)

    def statvfs(self, path):
        m, out = self.lookup(path)
        if m is ROOT:
            m = self.root_mount()
            if m is None:
                return (0, 0, 0, 0, 0, 0, 0, 0, 0, 4096)
            out = "/"
        return self.call(m, "statvfs", out)

    # ---- import --------------------------------------------------------------------------
    def drive_dir(self, path):
        """The host folder of a path on a drive filesystem (None: on another filesystem, or
        nowhere), for the importer's own fast search."""
        m, out = self.lookup(path)
        if m is ROOT:
            m, out = self.root_mount(), "/"
        if m is None or not isinstance(m.obj, VfsPosix):
            return None
        try:
            return m.obj._host(out), m.obj._top
        except (OSError, TypeError):
            return None

    def host_dir(self, path) -> Path | None:
        found = self.drive_dir(path)
        return None if found is None else found[0]

    def import_stat(self, path: str):
        """mp_vfs_import_stat: "dir", "file" or None, from the filesystem's stat()."""
        m, out = self.lookup(path)
        if m is None or m is ROOT:
            return None
        try:
            st = self.call(m, "stat", out)
            mode = st[0]
        except Exception:  # noqa: BLE001 - as MicroPython: any exception means not there
            return None
        if not isinstance(mode, int):
            return None
        return "dir" if mode & S_IFDIR else "file"

    def read_file(self, path: str) -> bytes:
        """What mp_reader_new_file reads for an import: open(path, "rb"), the stream's
        buffer size (ioctl 11), readinto() a buffer at a time to a short read, close."""
        m, out = self.lookup(path)
        f = self.call(m, "open", out, "rb")
        get = self.vm.sandbox.getattr
        if not _is_stream(f):
            raise _OSError("stream operation not supported")
        if isinstance(f, (_host_io.StringIO, _host_io.BytesIO)):  # io.StringIO/BytesIO
            data = f.read()
            return data.encode() if isinstance(data, str) else bytes(data)
        try:
            ioctl = get(f, "ioctl")
        except AttributeError:
            ioctl = None
        try:
            size = ioctl(11, 0) if ioctl is not None else -1
            if not isinstance(size, int) or size <= 0:
                size = DEFAULT_READ_CHUNK
            size = min(MAX_READ_CHUNK, max(MIN_READ_CHUNK, size))
            readinto = get(f, "readinto")
            data = bytearray()
            while True:
                buf = bytearray(size)
                n = readinto(buf)
                if n is None:
                    n = 0
                if not isinstance(n, int) or n < 0 or n > len(buf):
                    raise _OSError(errno.EIO)
                data += buf[:n]
                if n < size:
                    break
            return bytes(data)
        finally:
            if ioctl is not None:
                ioctl(4, 0)  # MP_STREAM_CLOSE
            else:
                try:
                    get(f, "close")()
                except AttributeError:
                    pass


def _is_stream(obj) -> bool:
    """What has MicroPython's stream protocol: jitvm's files and streams, io.StringIO and
    BytesIO, and guest classes derived from io.IOBase (py/stream.c's mp_get_stream)."""
    from .streams import _Stream
    from .vmmods import IOBase

    return isinstance(obj, (_Stream, IOBase, _host_io.StringIO, _host_io.BytesIO))


def make_table(vm) -> MountTable:
    return MountTable(vm, _drive_fs(vm))


def _drive_fs(vm):
    if vm.flavour == "circuitpython":
        from .vmstorage import VfsFat

        return VfsFat._of_drive(vm)
    return VfsPosix._of_drive(vm)


__all__ = ["MountTable", "Mount", "ROOT", "S_IFREG", "make_table"]
