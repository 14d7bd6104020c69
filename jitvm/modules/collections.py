"""Guest module `collections`: MicroPython's deque, OrderedDict and namedtuple.

MicroPython 1.29's deque needs its maxlen (`deque(iterable, maxlen[, flags])`), supports
append/appendleft/pop/popleft/extend, len, iteration and indexing, and with flags=1 raises
`IndexError: full` instead of dropping items. namedtuple gives field access and nothing else
(no _asdict/_fields/_replace on the reference build).
"""

from __future__ import annotations

from collections import deque as _host_deque

from jitvm.modules._stdconv import get_int, get_str, type_name

__all__ = ["OrderedDict", "deque", "namedtuple"]


def _no_kwargs(kwargs: dict) -> None:
    if kwargs:
        raise TypeError("function doesn't take keyword arguments")


class deque:
    __guest_subclassable__ = True  # plain data: a guest class may derive from it
    """deque(iterable, maxlen[, flags]): a bounded double-ended queue."""

    __slots__ = ("_items", "_maxlen", "_strict")

    def __init__(self, *args: object, **kwargs: object) -> None:
        _no_kwargs(kwargs)
        if len(args) < 2:
            raise TypeError(f"function missing {2 - len(args)} required positional arguments")
        if len(args) > 3:
            raise TypeError(f"function expected at most 3 arguments, got {len(args)}")
        maxlen = get_int(args[1])
        if maxlen < 0:
            raise ValueError()
        self._maxlen = maxlen
        self._strict = bool(get_int(args[2])) if len(args) == 3 else False
        # The host deque is private storage; only the methods below reach it.
        self._items: _host_deque = _host_deque()
        deque.extend(self, args[0])  # the base method, as the native deque does

    def _make_room(self, drop_left: bool) -> bool:
        """Return False if the item must be dropped (maxlen 0); raise if full and strict."""
        if len(self._items) < self._maxlen:
            return True
        if self._strict:
            raise IndexError("full")
        if not self._items:
            return False
        if drop_left:
            self._items.popleft()
        else:
            self._items.pop()
        return True

    def append(self, item: object) -> None:
        if self._make_room(drop_left=True):
            self._items.append(item)

    def appendleft(self, item: object) -> None:
        if self._make_room(drop_left=False):
            self._items.appendleft(item)

    def pop(self) -> object:
        if not self._items:
            raise IndexError("empty")
        return self._items.pop()

    def popleft(self) -> object:
        if not self._items:
            raise IndexError("empty")
        return self._items.popleft()

    def extend(self, iterable: object) -> None:
        try:
            it = iter(iterable)  # type: ignore[call-overload]
        except TypeError:
            raise TypeError(f"'{type_name(iterable)}' object isn't iterable") from None
        for item in it:
            deque.append(self, item)

    def __len__(self) -> int:
        return len(self._items)

    def __bool__(self) -> bool:
        return bool(self._items)

    def __iter__(self):
        return iter(list(self._items))

    def _index(self, index: object) -> int:
        if not isinstance(index, int):
            raise TypeError(f"deque indices must be integers, not {type_name(index)}")
        n = len(self._items)
        i = index + n if index < 0 else index
        if not 0 <= i < n:
            raise IndexError("deque index out of range")
        return i

    def __getitem__(self, index: object) -> object:
        return self._items[self._index(index)]

    def __setitem__(self, index: object, value: object) -> None:
        self._items[self._index(index)] = value

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return "<deque>"


class OrderedDict(dict):
    __guest_subclassable__ = True
    """A dict that keeps insertion order (host dicts already do; the repr differs)."""

    __slots__ = ()

    def __init__(self, *args: object, **kwargs: object) -> None:
        if len(args) > 1:
            raise TypeError(f"function expected at most 1 arguments, got {len(args)}")
        if args and not isinstance(args[0], dict):
            try:
                iter(args[0])  # type: ignore[call-overload]
            except TypeError:
                raise TypeError(f"'{type_name(args[0])}' object isn't iterable") from None
        dict.__init__(self, *args, **kwargs)  # type: ignore[arg-type]

    def __eq__(self, other: object) -> bool:
        # MicroPython: an OrderedDict equals only another OrderedDict with the same order.
        if not isinstance(other, OrderedDict):
            return False
        return list(self.items()) == list(other.items())

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    __hash__ = None  # type: ignore[assignment]

    def __getattribute__(self, name: str):
        if name == "move_to_end":  # CircuitPython's; MicroPython's OrderedDict has none
            from jitvm.modules import _hw

            if _hw.flavor() != "circuitpython":
                raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")
        return dict.__getattribute__(self, name)

    def move_to_end(self, key: object, last: bool = True) -> None:
        """CircuitPython's OrderedDict.move_to_end (a KeyError for a missing key)."""
        value = dict.pop(self, key)
        if last:
            dict.__setitem__(self, key, value)
            return
        rest = list(dict.items(self))
        dict.clear(self)
        dict.__setitem__(self, key, value)
        dict.update(self, rest)

    def __repr__(self) -> str:
        return f"OrderedDict({dict.__repr__(self)})"

    def copy(self) -> OrderedDict:
        return OrderedDict(self)

    @classmethod
    def fromkeys(cls, keys: object, value: object = None) -> dict:
        # MicroPython inherits dict.fromkeys unchanged, so the result is a plain dict;
        # CircuitPython makes an OrderedDict (its ordereddict1 test)
        from jitvm.modules import _hw

        if _hw.flavor() == "circuitpython":
            out = cls()
            for k in keys:  # type: ignore[attr-defined]
                dict.__setitem__(out, k, value)
            return out
        return dict.fromkeys(keys, value)  # type: ignore[arg-type]


def _field_names(fields: object) -> list[str]:
    if isinstance(fields, str):
        # MicroPython splits on whitespace only: 'a,b' is one field named 'a,b'.
        return fields.split()
    if isinstance(fields, (list, tuple)):
        return [get_str(f) for f in fields]
    raise TypeError(f"object '{type_name(fields)}' isn't a tuple or list")


def namedtuple(name: object, fields: object) -> type:
    """A tuple subclass whose items are also readable as named attributes."""
    type_name_text = get_str(name)
    names = tuple(_field_names(fields))

    def __new__(cls, *args: object, **kwargs: object):
        if len(args) > len(names):
            raise TypeError(
                f"{type_name_text}() takes {len(names)} positional arguments "
                f"but {len(args)} were given"
            )
        values = list(args) + [_MISSING] * (len(names) - len(args))
        for key, value in kwargs.items():
            if key not in names:
                raise TypeError(f"unexpected keyword argument '{key}'")
            pos = names.index(key)
            if values[pos] is not _MISSING:
                raise TypeError(f"function got multiple values for argument '{key}'")
            values[pos] = value
        if _MISSING in values:
            given = len(args) + len(kwargs)
            raise TypeError(
                f"{type_name_text}() takes {len(names)} positional arguments but {given} were given"
            )
        return tuple.__new__(cls, values)

    def __repr__(self) -> str:
        inner = ", ".join(f"{n}={v!r}" for n, v in zip(names, self))
        return f"{type_name_text}({inner})"

    def __getitem__(self, index):
        if isinstance(index, slice) and index.step not in (None, 1):
            raise NotImplementedError("only slices with step=1 (aka None) are supported")
        return tuple.__getitem__(self, index)

    namespace: dict[str, object] = {
        "__slots__": (),
        "__getitem__": __getitem__,
        "__new__": __new__,
        "__repr__": __repr__,
        "__str__": __repr__,
        "__jitvm_guest_type__": True,  # the sandbox shows its public names (the fields)
        "__guest_subclassable__": True,
    }
    for i, field in enumerate(names):
        namespace[field] = property(lambda self, i=i: tuple.__getitem__(self, i))
    cls = type(type_name_text, (tuple,), namespace)
    cls.__module__ = "collections"
    return cls


_MISSING = object()
