"""Hardware abstraction layer: one board API (hal.api) with a simulated and a Linux backend.

``open_board()`` is the entry point::

    import hal
    board = hal.open_board("sim", layout="raspberry_pi_pico", scenario="examples/blink.toml")
    led = board.gpio(board.pins["LED"])
    led.switch_to_output(True)
    board.clock.sleep_ns(500_000_000)
    board.trace.write_vcd("blink.vcd")

Nothing here imports jitvm; the linux backend imports gpiod/smbus2/spidev only when opened.
"""

from __future__ import annotations

from hal.api import (
    UART,
    AnalogIn,
    AnalogOut,
    Board,
    Clock,
    DeinitializedError,
    Direction,
    DriveMode,
    Edge,
    EdgeCallback,
    GpioLine,
    HalError,
    I2CBus,
    Parity,
    Pin,
    Pull,
    PWMOut,
    ScenarioError,
    SPIBus,
    Trace,
    TraceEvent,
)

__all__ = [
    "UART",
    "AnalogIn",
    "AnalogOut",
    "Board",
    "Clock",
    "DeinitializedError",
    "Direction",
    "DriveMode",
    "Edge",
    "EdgeCallback",
    "GpioLine",
    "HalError",
    "I2CBus",
    "PWMOut",
    "Parity",
    "Pin",
    "Pull",
    "SPIBus",
    "ScenarioError",
    "Trace",
    "TraceEvent",
    "available_layouts",
    "open_board",
]

BACKENDS = ("sim", "linux")


def open_board(
    name: str = "sim",
    *,
    layout: str = "generic",
    scenario: str | None = None,
    realtime: bool = False,
) -> Board:
    """Open a board.

    ``name``: the backend, ``"sim"`` (default) or ``"linux"``.
    ``layout``: a board file name in ``hal/boards/`` (``generic``, ``raspberry_pi_pico``,
    ``adafruit_feather_rp2040``; for linux e.g. ``linux_gpio_sim``) or a path to a ``.toml`` file.
    ``scenario``: (sim) a TOML file attaching virtual devices; see ``hal/README.md``.
    ``realtime``: (sim) also sleep the wall clock when virtual time sleeps.
    Raises HalError (unknown backend/layout, missing device node) or ScenarioError.
    """
    if name == "sim":
        from hal.sim.board import SimBoard

        return SimBoard(layout=layout, scenario=scenario, realtime=realtime)
    if name == "linux":
        if scenario is not None:
            raise HalError("linux backend: scenarios are for the sim backend only")
        from hal.linux.board import LinuxBoard

        return LinuxBoard(layout=layout)
    raise HalError(f"unknown board backend {name!r} (known: {', '.join(BACKENDS)})")


def available_layouts() -> list[str]:
    """Names of the board files shipped in hal/boards/."""
    from hal.layout import shipped_layouts

    return shipped_layouts()
