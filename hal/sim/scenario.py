"""Scenario files: TOML that attaches virtual devices to a sim board's pins and buses.

    [scenario]
    description = "free text"
    layout = "raspberry_pi_pico"     # optional: refuse to load on another board

    [network]                        # the simulated Wi-Fi and internet: hal/sim/netscenario.py

    [[device]]
    type = "bme280"                  # led, button, analog, neopixel, bme280, sht31d, ssd1306, sh1106,
                                     # st7789, ili9341, gc9a01, mcp3008, uart
    name = "env"                     # optional, unique; default "<type><n>"
    temperature = 21.5               # type-specific keys (hal/README.md lists them)

Every problem is one ``ScenarioError`` line: ``<file>: device #2 (bme280): unknown key 'tmp'``.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import TYPE_CHECKING

from hal.api import ScenarioError
from hal.sim.spec import Spec, SpecError

if TYPE_CHECKING:
    from hal.sim.board import SimBoard


def load_scenario(board: SimBoard, path: str | Path) -> None:
    """Parse ``path`` and attach its devices to ``board`` (names in ``board.devices``)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ScenarioError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ScenarioError(f"{path}: not UTF-8 text") from None
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError(f"{path}: TOML syntax error: {exc}") from None
    apply_scenario(board, doc, str(path))


def apply_scenario(board: SimBoard, doc: dict, where: str = "<scenario>") -> None:
    """Attach the devices of an already-parsed scenario document."""
    from hal.sim.devices import DEVICE_TYPES

    unknown = sorted(set(doc) - {"scenario", "device", "network"})
    if unknown:
        raise ScenarioError(
            f"{where}: unknown top-level key {unknown[0]!r}"
            " (expected [scenario], [[device]] and [network])"
        )
    if "network" in doc:
        from hal.sim.netscenario import parse_network

        board.net_config = parse_network(doc["network"], where)
    meta = doc.get("scenario", {})
    if not isinstance(meta, dict) or set(meta) - {"description", "layout"}:
        raise ScenarioError(f"{where}: [scenario] takes only 'description' and 'layout'")
    layout = meta.get("layout")
    if layout is not None and layout not in (board.board_id, Path(str(board._layout.path)).stem):
        raise ScenarioError(
            f"{where}: written for board layout {layout!r}, but the board is {board.board_id!r}"
        )
    devices = doc.get("device", [])
    if not isinstance(devices, list):
        raise ScenarioError(f"{where}: 'device' must be an array of tables ([[device]])")
    counts: dict[str, int] = {}
    for i, table in enumerate(devices, 1):
        if not isinstance(table, dict):
            raise ScenarioError(f"{where}: device #{i}: expected a table")
        kind = table.get("type")
        if kind not in DEVICE_TYPES:
            known = ", ".join(sorted(DEVICE_TYPES))
            raise ScenarioError(f"{where}: device #{i}: unknown type {kind!r} (known: {known})")
        counts[kind] = counts.get(kind, 0) + 1
        name = table.get("name", f"{kind}{counts[kind]}")
        label = f"device #{i} ({kind} {name!r})"
        if not isinstance(name, str) or not name:
            raise ScenarioError(f"{where}: {label}: 'name' must be a non-empty string")
        if name in board.devices:
            raise ScenarioError(f"{where}: {label}: the name {name!r} is used twice")
        spec = Spec(board, table)
        try:
            device = DEVICE_TYPES[kind].from_spec(board, name, spec)
            spec.finish()
        except (SpecError, ValueError) as exc:
            raise ScenarioError(f"{where}: {label}: {exc}") from None
        board.add_device(name, device)
