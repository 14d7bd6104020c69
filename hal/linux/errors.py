"""Turn OS errors from device nodes into one-line HalErrors that name the node."""

from __future__ import annotations

import errno

from hal.api import HalError


def node_error(node: str, exc: BaseException) -> HalError:
    """``/dev/gpiochip0: permission denied`` and the like."""
    code = getattr(exc, "errno", None)
    if isinstance(exc, PermissionError) or code in (errno.EACCES, errno.EPERM):
        what = "permission denied (add yourself to the gpio/i2c/spi group or use sudo)"
    elif isinstance(exc, FileNotFoundError) or code == errno.ENOENT:
        what = "no such device (is the kernel driver loaded / the overlay enabled?)"
    elif code == errno.EBUSY:
        what = "busy (another program holds it)"
    elif code == errno.ENOTTY or code == errno.ENODEV:
        what = "not a device of the expected kind"
    else:
        what = str(getattr(exc, "strerror", None) or exc).lower()
    return HalError(f"{node}: {what}")


def import_backend_module(name: str, extra: str = "linux"):
    """Import gpiod/smbus2/spidev lazily; a missing one is a one-line HalError."""
    import importlib

    try:
        return importlib.import_module(name)
    except ImportError:
        raise HalError(
            f"the linux backend needs the {name!r} package (pip install 'jitvm[{extra}]')"
        ) from None
