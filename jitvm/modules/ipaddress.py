"""Guest module `ipaddress` (CircuitPython): ip_address() and IPv4Address."""

from __future__ import annotations

from typing import Any

from jitvm.modules import _hw

__all__ = ["IPv4Address", "ip_address"]


def _parse(text: str) -> bytes:
    parts = text.split(".")
    if len(parts) != 4 or not all(p.isdigit() and int(p) < 256 for p in parts):
        raise ValueError("Not a valid IP string")
    return bytes(int(p) for p in parts)


class IPv4Address:
    """IPv4Address(address): from a dotted string, 4 packed bytes or an int."""

    def __init__(self, address: Any) -> None:
        if isinstance(address, int) and not isinstance(address, bool):
            self._packed = (address & 0xFFFFFFFF).to_bytes(4, "little")
        elif isinstance(address, str):
            self._packed = _parse(address)
        elif isinstance(address, (bytes, bytearray)) and len(address) == 4:
            self._packed = bytes(address)
        else:
            raise ValueError("Only int or string supported for ip")
        self._text = ".".join(str(b) for b in self._packed)

    @property
    def packed(self) -> bytes:
        return self._packed

    @property
    def version(self) -> int:
        return 4

    def __eq__(self, other: object) -> bool:
        return isinstance(other, IPv4Address) and other._packed == self._packed

    def __hash__(self) -> int:
        return hash(self._packed)

    def __str__(self) -> str:
        return self._text

    def __repr__(self) -> str:
        return f"IPv4Address('{self._text}')"


def ip_address(obj: Any) -> IPv4Address:
    """Return a corresponding IP address object or raise ValueError if not possible."""
    if isinstance(obj, str) or (isinstance(obj, int) and not isinstance(obj, bool)):
        return IPv4Address(obj)
    raise ValueError(f"invalid argument: {_hw.type_name(obj)}")
