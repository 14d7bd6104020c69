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
NET_BACKENDS = ("sim", "host", "none")  # hal.net.open_network


def open_board(
    name: str = "sim",
    *,
    layout: str = "generic",
    scenario: str | None = None,
    realtime: bool = False,
    net: str = "sim",
    net_allow: tuple[str, ...] | list[str] = (),
) -> Board:
    """Open a board.

    ``name``: the backend, ``"sim"`` (default) or ``"linux"``.
    ``layout``: a board file name in ``hal/boards/`` (``generic``, ``raspberry_pi_pico``,
    ``adafruit_feather_rp2040``; for linux e.g. ``linux_gpio_sim``) or a path to a ``.toml`` file.
    ``scenario``: (sim) a TOML file attaching virtual devices; see ``hal/README.md``.
    ``realtime``: (sim) also sleep the wall clock when virtual time sleeps.
    ``net``: the network behind the board's Wi-Fi (``board.network``, API in ``hal.net.api``):
    ``"sim"`` (the scenario's ``[network]`` section), ``"host"`` (real sockets, only to the
    ``net_allow`` ``HOST:PORT`` entries) or ``"none"`` (no access point).
    Raises HalError (unknown backend/layout, missing device node) or ScenarioError.
    """
    if net not in NET_BACKENDS:
        raise HalError(f"unknown network backend {net!r} (known: {', '.join(NET_BACKENDS)})")
    if net_allow and net != "host":
        raise HalError("--net-allow is for --net host only")
    if net == "host":
        from hal.net.host import parse_allow

        parse_allow(list(net_allow))  # a bad entry is refused now, not at the first connect
    if name == "sim":
        from hal.sim.board import SimBoard

        board: Board = SimBoard(layout=layout, scenario=scenario, realtime=realtime)
    elif name == "linux":
        if scenario is not None:
            raise HalError("linux backend: scenarios are for the sim backend only")
        from hal.linux.board import LinuxBoard

        board = LinuxBoard(layout=layout)
    else:
        raise HalError(f"unknown board backend {name!r} (known: {', '.join(BACKENDS)})")
    board.net_choice = (net, tuple(net_allow))  # board.network opens it on first use
    return board


def available_layouts() -> list[str]:
    """Names of the board files shipped in hal/boards/."""
    from hal.layout import shipped_layouts

    return shipped_layouts()
