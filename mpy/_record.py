"""``Record``: the ``__repr__`` and ``__eq__`` that ``@dataclass`` would give the .mpy model.

``import dataclasses`` pulls in ``inspect`` (with ``ast``, ``dis`` and ``tokenize``) and each
decorated class compiles generated code: milliseconds that ``jitvm run`` would pay on every
start, as it reads a .mpy each time. The model classes write their ``__init__`` by hand and
list their fields in ``_fields``; this base class compares and shows them as a dataclass does
(same class only, fields compared in order; unhashable unless a subclass defines ``__hash__``).
"""

from __future__ import annotations


class Record:
    __slots__ = ()
    _fields: tuple[str, ...] = ()  # in __init__'s order: shown by repr, compared by ==

    def _values(self) -> tuple:
        return tuple(getattr(self, n) for n in self._fields)

    def __repr__(self) -> str:
        inner = ", ".join(f"{n}={getattr(self, n)!r}" for n in self._fields)
        return f"{type(self).__qualname__}({inner})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._values() == other._values()  # type: ignore[attr-defined]
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable and compared by value, as a dataclass


class FrozenRecord(Record):
    """A Record whose fields cannot change after ``__init__`` (``@dataclass(frozen=True)``)."""

    __slots__ = ()

    def __hash__(self) -> int:
        return hash(self._values())

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}")
