"""Ctrl-C for the guest: a pending KeyboardInterrupt taken at the next safe point.

MicroPython's unix port schedules the interrupt from its SIGINT handler
(``mp_sched_keyboard_interrupt``) and the VM raises it where it checks pending work: at
jumps and calls, never inside the runtime's own bookkeeping. jitvm does the same: the
runner's main thread takes the signal and calls ``request()``; the guest thread raises the
exception at a safe point of whatever tier it runs in:

* tier 0's Python translation checks ``PENDING[0]`` at every loop header;
* the frame interpreter checks it at every back edge (``ops_flow.back_edge``);
* tier 1's compiled code calls ``jitvm.jit.deopt.poll`` every few thousand back edges and
  direct calls, which checks it;
* the virtual clock's sleeps end early when it is set (see ``_hw``'s sleep).

``--watch``'s auto-reload uses the same safe points (``request_reload``).

``micropython.kbd_intr(-1)`` turns the guest exception off: as on the unix port, where that
puts SIGINT back to its default action, the process then ends at once (status 130, no
cleanup); ``kbd_intr(3)`` turns it back on.
"""

from __future__ import annotations

CTRL_C = 3
PENDING = [False]  # read as PENDING[0] by generated code: one subscript, no attribute lookup
_state = {"char": CTRL_C, "reload": False, "kbd": False}
_reload_type: list = []
# micropython.schedule's queue (jitvm.vmmods.Scheduler): (has work?, run one callback), so the
# same safe points run scheduled callbacks, as MicroPython's mp_handle_pending does
_sched: list = []


def enabled() -> bool:
    return _state["char"] == CTRL_C


def set_char(c) -> None:
    """``micropython.kbd_intr(c)``: 3 enables Ctrl-C's KeyboardInterrupt, -1 disables it."""
    if isinstance(c, bool) or not isinstance(c, int):
        from .gexc import GUEST_EXC

        raise GUEST_EXC["TypeError"](f"can't convert {type(c).__name__} to int")
    _state["char"] = c


def _wake_compiled() -> None:
    """Compiled code (tier 1) polls at its next loop turn or call, not thousands later."""
    import sys

    eng = sys.modules.get("jitvm.jit.engine")
    if eng is not None:
        eng.poll_soon()


def request() -> None:
    _state["kbd"] = True
    PENDING[0] = True
    _wake_compiled()


def request_reload() -> None:
    """`--watch` saw a file change during the run: stop the program at the next safe point
    with ``AutoReload`` (CircuitPython's "Code stopped by auto-reload")."""
    _state["reload"] = True
    PENDING[0] = True
    _wake_compiled()


def reload_error() -> type:
    """``AutoReload``: a VMAbort (the guest cannot catch it), made on first use."""
    if not _reload_type:
        from .execute import VMAbort

        class AutoReload(VMAbort):
            kind = "auto-reload"

        _reload_type.append(AutoReload)
    return _reload_type[0]


def take() -> None:
    """Do what is pending (called at a safe point where PENDING[0] is set): the auto-reload,
    else Ctrl-C's KeyboardInterrupt, else one scheduled callback."""
    from .gexc import GUEST_EXC

    if _state["reload"]:
        _state["reload"] = False
        _refresh()  # a Ctrl-C or a callback also pending comes at the next safe point
        raise reload_error()()
    if _state["kbd"]:
        _state["kbd"] = False
        _refresh()
        raise GUEST_EXC["KeyboardInterrupt"]()
    _refresh()
    if _sched and _sched[0][0]():
        _sched[0][1]()
        _refresh()


def _refresh() -> None:
    PENDING[0] = bool(_state["kbd"] or _state["reload"] or (_sched and _sched[0][0]()))


def set_scheduler(has_work, run_one) -> None:
    """micropython.schedule's queue: ``run_one()`` runs at a safe point while ``has_work()``."""
    _sched[:] = [(has_work, run_one)]


def work_scheduled() -> None:
    """A callback was queued: the next safe point takes it."""
    PENDING[0] = True
    _wake_compiled()


def kbd_pending() -> bool:
    return _state["kbd"]


def withdraw() -> None:
    """The pending Ctrl-C was delivered another way (the runner's fallback): drop it."""
    _state["kbd"] = False
    _refresh()


def clear_reload() -> bool:
    """Drop a pending auto-reload the program ended before taking; whether there was one."""
    was = _state["reload"]
    _state["reload"] = False
    _refresh()
    return was


def check() -> None:
    """take() if an interrupt is pending: for host loops that wait (sleeps, polls)."""
    if PENDING[0]:
        take()


def reset() -> None:
    PENDING[0] = False
    _state.update(char=CTRL_C, reload=False, kbd=False)
