"""Guest module `storage` (CircuitPython): mount, umount, remount and getmount.

From CircuitPython's `shared-bindings/storage/__init__.c` and `shared-module/storage/
__init__.c`: `remount(mount_path, readonly=False, *, disable_concurrent_write_protection=
False)` sets whether CircuitPython may write the drive; a path that is not a mount point is
`OSError(EINVAL)`; while the host computer has the drive (USB), only boot.py may remount:
`RuntimeError: Cannot remount path when visible via USB.`. jitvm's drive is mounted at "/";
`--read-only-drive` starts it as a USB-connected board has it (read-only to code). `mount`
and `umount` go through the VM's mount table (jitvm.mounts), as MicroPython's vfs does.
"""

from __future__ import annotations

import errno

from .gexc import GUEST_EXC
from .objects import BuiltinModule
from .vfs import VfsPosix


class VfsFat(VfsPosix):
    """The CIRCUITPY drive's filesystem, as ``storage.getmount("/")`` returns it. jitvm reads
    no FAT image: a guest cannot make one over a block device."""

    def __init__(self, block_device=None) -> None:
        raise GUEST_EXC["OSError"](errno.ENODEV)

    @property
    def readonly(self) -> bool:
        return bool(self._drive.readonly or self._readonly)

    @property
    def label(self) -> str:
        return "CIRCUITPY"


def _mount_path(path) -> str:
    if not isinstance(path, str):
        raise GUEST_EXC["TypeError"](f"can't convert {type(path).__name__} to str")
    return path.rstrip("/") or "/"


def make_storage(vm) -> BuiltinModule:
    drive = vm.drive

    def _at(mount_path):
        path = _mount_path(mount_path)
        m = next((m for m in vm.importer.mounts.mounts if m.path == path), None)
        if m is None:
            raise GUEST_EXC["OSError"](errno.EINVAL)
        return m

    def remount(mount_path, readonly=False, *, disable_concurrent_write_protection=False):
        m = _at(mount_path)
        if not isinstance(m.obj, VfsFat):
            raise GUEST_EXC["OSError"](errno.EINVAL)
        if drive.usb_visible and not drive.in_boot:
            raise GUEST_EXC["RuntimeError"]("Cannot remount path when visible via USB.")
        drive.readonly = bool(readonly)

    def getmount(mount_path):
        return _at(mount_path).obj

    def mount(filesystem, mount_path, *, readonly=False):
        path = _mount_path(mount_path)
        vm.importer.mounts.mount(filesystem, path, readonly=readonly)

    def umount(mount):
        if isinstance(mount, str):
            mount = _mount_path(mount)
        vm.importer.mounts.umount(mount)

    return BuiltinModule("storage", {"remount": remount, "getmount": getmount, "mount": mount,
                                     "umount": umount, "VfsFat": VfsFat})
