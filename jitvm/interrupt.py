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

``micropython.kbd_intr(-1)`` turns the guest exception off: as on the unix port, where that
puts SIGINT back to its default action, the process then ends at once (status 130, no
cleanup); ``kbd_intr(3)`` turns it back on.
"""

from __future__ import annotations

CTRL_C = 3
PENDING = [False]  # read as PENDING[0] by generated code: one subscript, no attribute lookup
_state = {"char": CTRL_C}


def enabled() -> bool:
    return _state["char"] == CTRL_C


def set_char(c) -> None:
    """``micropython.kbd_intr(c)``: 3 enables Ctrl-C's KeyboardInterrupt, -1 disables it."""
    if isinstance(c, bool) or not isinstance(c, int):
        from .gexc import GUEST_EXC

        raise GUEST_EXC["TypeError"](f"can't convert {type(c).__name__} to int")
    _state["char"] = c


def request() -> None:
    PENDING[0] = True


def take() -> None:
    """Raise the pending KeyboardInterrupt (called at a safe point where PENDING[0] is set)."""
    from .gexc import GUEST_EXC

    PENDING[0] = False
    raise GUEST_EXC["KeyboardInterrupt"]()


def check() -> None:
    """take() if an interrupt is pending: for host loops that wait (sleeps, polls)."""
    if PENDING[0]:
        take()


def reset() -> None:
    PENDING[0] = False
    _state["char"] = CTRL_C
