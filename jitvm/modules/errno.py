"""Guest module `errno`: the error numbers MicroPython's unix port defines, and their names."""

from __future__ import annotations

__all__ = [
    "EACCES", "EADDRINUSE", "EAGAIN", "EALREADY", "EBADF", "ECONNABORTED", "ECONNREFUSED",
    "ECONNRESET", "EEXIST", "EHOSTUNREACH", "EINPROGRESS", "EINVAL", "EIO", "EISDIR", "ENOBUFS",
    "ENODEV", "ENOENT", "ENOMEM", "ENOTCONN", "EOPNOTSUPP", "EPERM", "ETIMEDOUT", "errorcode",
]  # fmt: skip

# Linux numbering, which MicroPython also uses on bare-metal ports.
EPERM = 1
ENOENT = 2
EIO = 5
EBADF = 9
EAGAIN = 11
ENOMEM = 12
EACCES = 13
EEXIST = 17
ENODEV = 19
EISDIR = 21
EINVAL = 22
EOPNOTSUPP = 95
EADDRINUSE = 98
ECONNABORTED = 103
ECONNRESET = 104
ENOBUFS = 105
ENOTCONN = 107
ETIMEDOUT = 110
ECONNREFUSED = 111
EHOSTUNREACH = 113
EALREADY = 114
EINPROGRESS = 115

class _FixedDict(dict):
    """A dict the guest can read but not change (MicroPython's fixed dicts raise TypeError())."""

    __jitvm_guest_type__ = True  # its public names are the guest's (it is renamed "dict")

    def _fixed(self, *args, **kwargs):
        raise TypeError()

    __setitem__ = __delitem__ = pop = popitem = update = clear = setdefault = _fixed


errorcode = _FixedDict((globals()[name], name) for name in __all__ if name.startswith("E"))
_FixedDict.__name__ = _FixedDict.__qualname__ = "dict"  # MicroPython: a dict that is fixed
