"""Guest module `hashlib`: sha256, sha1 and md5 objects with MicroPython's update/digest API."""

from __future__ import annotations

import hashlib as _host_hashlib

from jitvm.modules._stdconv import not_unicode_on_circuitpython, require_buffer

__all__ = ["md5", "sha1", "sha256"]


class _Hash:
    """A hash object; after digest() it is final, as in MicroPython (no hexdigest, no copy)."""

    __slots__ = ("_final", "_h")
    _algorithm = ""

    def __init__(self, *args: object) -> None:
        # Host hash state is private: the guest reaches it only through update/digest.
        if len(args) > 1:
            raise TypeError(f"function expected at most 1 arguments, got {len(args)}")
        self._h = _host_hashlib.new(self._algorithm)
        self._final = False
        if args:
            self.update(args[0])

    def update(self, data: object) -> None:
        if self._algorithm == "sha256":
            not_unicode_on_circuitpython(data)
        if self._final:
            raise ValueError("hash is final")
        self._h.update(bytes(require_buffer(data)))

    def digest(self) -> bytes:
        if self._final:
            raise ValueError("hash is final")
        self._final = True
        return self._h.digest()

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"


class sha256(_Hash):
    """SHA-256 hash object."""

    __slots__ = ()
    _algorithm = "sha256"


class sha1(_Hash):
    """SHA-1 hash object."""

    __slots__ = ()
    _algorithm = "sha1"


class md5(_Hash):
    """MD5 hash object."""

    __slots__ = ()
    _algorithm = "md5"
