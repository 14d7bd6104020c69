"""Guest module `warnings` (CircuitPython's shared-bindings/warnings): warn() and simplefilter().

CircuitPython's slimmed-down module: the default action is "always" (every call prints
``<category name>: <message>`` on the console), "ignore" drops warnings and "error" raises the
category with the message; no per-category filters. The action belongs to the run (a soft
reload starts again at "always")."""

from __future__ import annotations

from typing import Any

from jitvm.gexc import CIRCUITPYTHON_EXC, GUEST_EXC
from jitvm.modules import _hw

__all__ = ["simplefilter", "warn"]

_ACTIONS = ("always", "ignore", "error")


def warn(message: Any, category: Any = None) -> None:
    """Issue a warning of ``category`` (default Warning) as the current filter says."""
    base = CIRCUITPYTHON_EXC["Warning"]
    if category is None:
        category = base
    if not isinstance(category, type) or not issubclass(category, base):
        raise GUEST_EXC["TypeError"]("category must be a subclass of Warning")
    if not isinstance(message, str):
        raise GUEST_EXC["TypeError"](f"can't convert '{_type_name(message)}' object to str implicitly")
    action = _hw.singletons().get("warnings_action", "always")
    if action == "ignore":
        return
    if action == "error":
        raise category(message)
    _hw.console_write(f"{category.__name__}: {message}\n")


def simplefilter(action: Any) -> None:
    """Set the action for every warning: "always", "ignore" or "error"."""
    if not isinstance(action, str):
        raise GUEST_EXC["TypeError"](f"can't convert '{_type_name(action)}' object to str implicitly")
    if action not in _ACTIONS:
        raise GUEST_EXC["ValueError"]()
    _hw.singletons()["warnings_action"] = action


def _type_name(obj: Any) -> str:
    return type(obj).__name__
