"""Viper source run as bytecode: ptr8/ptr16/ptr32 views and the decorator rewrite.

mpy-cross emits machine code for ``@micropython.native``/``@micropython.viper`` functions,
which no runtime but MicroPython's can execute; jitvm runs such source as ordinary bytecode.
Viper's machine-word arithmetic (wrapping at 32 bits) is not reproduced: integer results that
fit in a word are the same.
"""

from __future__ import annotations

import re

_DECORATOR = re.compile(rb"^([ \t]*)@(?:micropython\.)?(native|viper)[ \t]*(#.*)?$", re.M)


def strip_emitter_decorators(source: bytes) -> bytes | None:
    """The source with native/viper decorator lines blanked (same line numbers), or None."""
    if b"native" not in source and b"viper" not in source:
        return None
    out, n = _DECORATOR.subn(b"", source)
    return out if n else None


class _Ptr:
    """A viper pointer over a buffer: indexes elements of ``size`` bytes, little endian."""

    size = 1
    __slots__ = ("buf", "mask")

    def __init__(self, buf) -> None:
        hook = getattr(type(buf), "__jitvm_buffer__", None)
        if hook is not None:
            buf = hook(buf)
        if isinstance(buf, int):
            raise TypeError("jitvm cannot dereference raw machine addresses")
        self.buf = memoryview(buf).cast("B")
        self.mask = (1 << (8 * self.size)) - 1

    def __getitem__(self, i: int) -> int:
        o = i * self.size
        return int.from_bytes(self.buf[o:o + self.size], "little")

    def __setitem__(self, i: int, v: int) -> None:
        o = i * self.size
        self.buf[o:o + self.size] = (v & self.mask).to_bytes(self.size, "little")


class ptr8(_Ptr):
    size = 1
    __slots__ = ()

    def __getitem__(self, i: int) -> int:
        return self.buf[i]

    def __setitem__(self, i: int, v: int) -> None:
        self.buf[i] = v & 0xFF


class ptr16(_Ptr):
    size = 2
    __slots__ = ()


class ptr32(_Ptr):
    size = 4
    __slots__ = ()


ptr = ptr8
