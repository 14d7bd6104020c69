"""Networking for boards: ``open_network("sim" | "host" | "none", ...)`` (API in hal.net.api)."""

from __future__ import annotations

from typing import Any

from hal import NET_BACKENDS
from hal.api import HalError


def open_network(kind: str, clock: Any, trace: Any, config: Any = None, allow: Any = ()) -> Any:
    """The network a board offers: ``config`` is the scenario's parsed ``[network]`` section
    (sim), ``allow`` the ``HOST:PORT`` texts of ``--net-allow`` (host)."""
    if kind in ("sim", "none"):
        from hal.net.sim import SimNetwork

        return SimNetwork(clock, trace, config, radio=kind == "sim")
    if kind == "host":
        from hal.net.host import HostNetwork, parse_allow

        return HostNetwork(clock, trace, parse_allow(list(allow)))
    raise HalError(f"unknown network backend {kind!r} (known: {', '.join(NET_BACKENDS)})")
