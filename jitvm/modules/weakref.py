"""Guest module `weakref` (MicroPython 1.26+): ref and finalize over the host's weak references.

A guest object dies when the host drops it (at once, by reference counting, where MicroPython
waits for gc.collect()); callbacks then run, and one that raises is reported as MicroPython
reports it ("Unhandled exception in weakref callback:" and the traceback) instead of raised.
"""

from __future__ import annotations

import weakref as _host

from jitvm.gexc import GUEST_EXC

__all__ = ["ref", "finalize"]


def _refusal(obj) -> BaseException:
    return GUEST_EXC["TypeError"](f"cannot create weak reference to '{type(obj).__name__}' object")


CONSOLE: list = [None]  # the VM's stdout, set when the guest imports the module


def _report(exc: BaseException) -> None:
    from jitvm.execute import format_traceback
    from jitvm.gexc import guestify

    text = "Unhandled exception in weakref callback:\n" + format_traceback(guestify(exc))
    out = CONSOLE[0]
    if out is not None:
        out.write(text)


def _guarded(callback):
    def call(*args):
        try:
            callback(*args)
        except Exception as e:  # noqa: BLE001 - the guest's callback: reported, not raised
            _report(e)
    return call


class _Hub:
    """The callbacks waiting on one object, run when it goes as MicroPython runs them: the
    finalizers first, then the refs' callbacks, each latest first (a ref that has itself gone
    calls nothing)."""

    __slots__ = ("key", "watch", "finalizers", "refs")

    def __init__(self, obj) -> None:
        self.key = id(obj)
        self.watch = _host.ref(obj, self._gone)  # raises TypeError for non-heap objects
        self.finalizers: list = []
        self.refs: list = []  # (weak reference to the guest's ref, its callback)

    def _gone(self, _r) -> None:
        _HUBS.pop(self.key, None)
        for f in reversed(self.finalizers):
            f._gone()
        for wr, callback in reversed(self.refs):
            r = wr()
            if r is not None:
                _guarded(callback)(r)


_HUBS: dict = {}


def _hub(obj) -> _Hub:
    hub = _HUBS.get(id(obj))
    if hub is None or hub.watch() is not obj:
        try:
            hub = _HUBS[id(obj)] = _Hub(obj)
        except TypeError:
            raise _refusal(obj) from None
    return hub


class ref(_host.ref):
    """ref(obj[, callback]): call it for obj, or None once obj has gone; callback(ref) then."""

    __slots__ = ("__weakref__",)

    def __new__(cls, obj, callback=None):
        hub = _hub(obj)
        r = _host.ref.__new__(cls, obj)
        if callback is not None:
            hub.refs.append((_host.ref(r), callback))
        return r

    def __init__(self, obj, callback=None) -> None:
        pass

    def __repr__(self) -> str:
        return "<ref>"


_LIVE: set = set()  # finalizers stay alive while armed, as CPython's registry keeps them


class finalize:
    """finalize(obj, func, *args, **kwargs): func(*args, **kwargs) once, when obj goes or when
    the finalizer is called, whichever is first."""

    __slots__ = ("_ref", "_call", "atexit", "__weakref__")

    def __init__(self, obj, func, *args, **kwargs) -> None:
        hub = _hub(obj)
        self._ref = _host.ref(obj)
        self._call = (func, args, kwargs)
        self.atexit = True
        _LIVE.add(self)
        hub.finalizers.append(self)

    def _gone(self) -> None:
        call, self._call = self._call, None
        _LIVE.discard(self)
        if call is not None:
            func, args, kwargs = call
            _guarded(lambda: func(*args, **kwargs))()

    def __call__(self, *unused):
        info = self.detach()
        if info is None:
            return None
        _obj, func, args, kwargs = info
        return func(*args, **kwargs)

    def detach(self):
        """(obj, func, args, kwargs) and disarm, or None when already dead or called."""
        info = self.peek()
        if info is not None or self._call is not None:
            self._call = None
            _LIVE.discard(self)
        return info

    def peek(self):
        if self._call is None:
            return None
        obj = self._ref()
        if obj is None:
            return None
        func, args, kwargs = self._call
        return (obj, func, args, kwargs)

    @property
    def alive(self) -> bool:
        return self._call is not None and self._ref() is not None

    def __repr__(self) -> str:
        return "<finalize>"
