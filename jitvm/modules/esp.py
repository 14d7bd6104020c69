"""Guest module `esp` (MicroPython, ESP32 layouts): flash size and the OS debug output switch."""

from __future__ import annotations

from typing import Any

from jitvm.modules import _hw

__all__ = ["flash_size", "osdebug", "LOG_NONE", "LOG_ERROR", "LOG_WARNING", "LOG_INFO",
           "LOG_DEBUG", "LOG_VERBOSE"]

LOG_NONE, LOG_ERROR, LOG_WARNING, LOG_INFO, LOG_DEBUG, LOG_VERBOSE = range(6)
FLASH_SIZE = 4 * 1024 * 1024  # an ESP32-WROOM-32's flash


def flash_size() -> int:
    return FLASH_SIZE


def osdebug(uart: Any, level: Any = LOG_ERROR) -> None:
    """Where ESP-IDF's log goes (None: nowhere). The simulated board has no IDF log: it is
    recorded and otherwise ignored."""
    if uart is not None and (isinstance(uart, bool) or not isinstance(uart, int)):
        raise TypeError(f"can't convert {_hw.type_name(uart)} to int")
    _hw.singletons()["esp_osdebug"] = (uart, level)
