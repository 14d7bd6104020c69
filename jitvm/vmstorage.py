"""Guest module `storage` (CircuitPython): remount and getmount of the CIRCUITPY drive.

From CircuitPython's `shared-bindings/storage/__init__.c` and `shared-module/storage/
__init__.c`: `remount(mount_path, readonly=False, *, disable_concurrent_write_protection=
False)` sets whether CircuitPython may write the drive; a path that is not a mount point is
`OSError(EINVAL)`; while the host computer has the drive (USB), only boot.py may remount:
`RuntimeError: Cannot remount path when visible via USB.`. jitvm's drive is the one mount,
at "/"; `--read-only-drive` starts it as a USB-connected board has it (read-only to code).
"""

from __future__ import annotations

import errno

from .gexc import GUEST_EXC
from .objects import BuiltinModule


class VfsFat:
    """What ``storage.getmount("/")`` returns: the drive's filesystem object."""

    def __init__(self, drive) -> None:
        object.__setattr__(self, "_drive", drive)

    @property
    def readonly(self) -> bool:
        return bool(self._drive.readonly)

    @property
    def label(self) -> str:
        return "CIRCUITPY"

    def __setattr__(self, name, value) -> None:
        raise GUEST_EXC["AttributeError"](f"can't set attribute '{name}'")




def _mount_point(path) -> None:
    if not isinstance(path, str):
        raise GUEST_EXC["TypeError"](f"can't convert {type(path).__name__} to str")
    if path.rstrip("/") != "":
        raise GUEST_EXC["OSError"](errno.EINVAL)


def make_storage(vm) -> BuiltinModule:
    drive = vm.drive
    mount = VfsFat(drive)

    def remount(mount_path, readonly=False, *, disable_concurrent_write_protection=False):
        _mount_point(mount_path)
        if drive.usb_visible and not drive.in_boot:
            raise GUEST_EXC["RuntimeError"]("Cannot remount path when visible via USB.")
        drive.readonly = bool(readonly)

    def getmount(mount_path):
        _mount_point(mount_path)
        return mount

    return BuiltinModule("storage", {"remount": remount, "getmount": getmount,
                                     "VfsFat": VfsFat})
