"""Guest module `supervisor` (CircuitPython): run-time facts and ticks on the board clock."""

from __future__ import annotations

from jitvm.modules import _hw

__all__ = ["runtime", "ticks_ms", "reload", "set_next_code_file", "disable_autoreload",
           "enable_autoreload", "set_rgb_status_brightness", "RunReason"]

_TICKS_PERIOD = 1 << 29  # CircuitPython's supervisor.ticks_ms wraps at 2**29


class RunReason:
    STARTUP = "supervisor.RunReason.STARTUP"
    AUTO_RELOAD = "supervisor.RunReason.AUTO_RELOAD"
    SUPERVISOR_RELOAD = "supervisor.RunReason.SUPERVISOR_RELOAD"
    REPL_RELOAD = "supervisor.RunReason.REPL_RELOAD"


class _Runtime:
    """supervisor.runtime: the host console and a simulated USB host are always connected."""

    serial_connected = True
    serial_bytes_available = False
    usb_connected = True  # HID reports are accepted (they go to the trace)
    autoreload = False
    run_reason = RunReason.STARTUP
    safe_mode_reason = None


runtime = _Runtime()


def ticks_ms() -> int:
    return (_hw.now_ns() // 1_000_000) % _TICKS_PERIOD


def reload() -> None:
    """On a board this restarts code.py; jitvm ends the run."""
    raise _hw.ResetRequested("reload")


def set_next_code_file(filename, *, reload_on_success=False, reload_on_error=False,
                       sticky_on_success=False, sticky_on_error=False, sticky_on_reload=False) -> None:
    if filename is not None and not isinstance(filename, str):
        raise TypeError("filename must be a string")


def disable_autoreload() -> None:
    _Runtime.autoreload = False


def enable_autoreload() -> None:
    _Runtime.autoreload = True


def set_rgb_status_brightness(brightness: int) -> None:
    if not 0 <= brightness <= 255:
        raise ValueError("Brightness must be 0-255")
