"""Board files: TOML descriptions of a board's pins, aliases, features and default buses.

Format (see hal/boards/*.toml)::

    name = "Raspberry Pi Pico"        # human name
    board_id = "raspberry_pi_pico"    # CircuitPython's board.board_id
    adc_bits = 12                     # converter width (values are still scaled to 16 bits)
    reference_voltage = 3.3
    [defaults]                        # pins of board.I2C()/SPI()/UART(), by name
    i2c = ["GP5", "GP4"]              # scl, sda
    spi = ["SCK", "MOSI", "MISO"]
    uart = ["TX", "RX"]
    [features]                        # pins (by key) that can do more than digital I/O
    adc = ["GPIO26"]                  # or "all"
    [pins]                            # key = MCU pin ("GPIOn" gives number n); first name is canonical
    GPIO25 = ["LED", "GP25"]
    GPIO17 = { names = ["D17"], chip = "/dev/gpiochip0", line = 17 }   # extra keys: backend data
    [display]                         # a built-in display (board.DISPLAY): see DISPLAY_FORMAT
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hal.api import HalError, Pin

BOARDS_DIR = Path(__file__).with_name("boards")
FEATURES = ("adc", "dac", "pwm", "touch")


DISPLAY_FORMAT = """
A board with a built-in display describes it as CircuitPython's board.c builds it::

    [display]
    type = "st7789"                # the controller (a sim panel type)
    mount_madctl = 0x68            # sim: the MADCTL that shows the glass upright (incl. BGR)
    glass_inverted = true          # sim: IPS glass, true colours under INVON
    power = "TFT_I2C_POWER"        # optional: a pin the board keeps high for the panel
    [display.bus]                  # fourwire.FourWire(spi, ...) or paralleldisplaybus.ParallelBus
    kind = "fourwire"              # or "parallel"
    clock = "SCK"                  # fourwire: busio.SPI(clock, MOSI, MISO) pins
    MOSI = "MOSI"
    command = "TFT_DC"             # keyword names and values as CircuitPython's constructors
    chip_select = "TFT_CS"
    reset = "TFT_RESET"
    baudrate = 40000000
    [display.display]              # busdisplay.BusDisplay(bus, init_sequence, **these)
    width = 240
    height = 135
    colstart = 40
    rowstart = 53
    init_sequence = [0x01, 0x80, 150, ...]   # board.c's bytes: command, length (bit 7: a
                                             # delay byte follows, 255 = 500 ms), parameters
    backlight_pin = "TFT_BACKLIGHT"

Keys whose values name pins (``PIN_KEYS``) must name pins of the board.
"""
PIN_KEYS = {"clock", "MOSI", "MISO", "command", "chip_select", "reset", "data0", "write", "read",
            "backlight_pin", "power"}  # fmt: skip


def _check_display(raw: Any, pins: dict[str, Pin], bad) -> dict[str, Any] | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or not isinstance(raw.get("type"), str):
        raise bad("[display] must be a table with a 'type'")
    bus, disp = raw.get("bus"), raw.get("display")
    if not isinstance(bus, dict) or bus.get("kind") not in ("fourwire", "parallel"):
        raise bad('[display.bus] must be a table with kind = "fourwire" or "parallel"')
    if not isinstance(disp, dict) or not all(isinstance(disp.get(k), int) for k in ("width", "height")):
        raise bad("[display.display] must give width and height")
    seq = disp.get("init_sequence", [])
    if not (isinstance(seq, list) and all(isinstance(b, int) and 0 <= b <= 255 for b in seq)):
        raise bad("display.init_sequence must be a list of bytes")
    for table in (raw, bus, disp):
        for key, value in table.items():
            if key in PIN_KEYS and value not in pins:
                raise bad(f"display: {key} = {value!r} is not a pin of this board")
    return raw


@dataclass
class Layout:
    """A parsed board file: pins (one Pin object per physical pin), name index and defaults."""

    name: str
    board_id: str
    path: Path
    pins: dict[str, Pin]  # every name -> Pin
    ordered: list[Pin]  # one entry per physical pin, file order
    defaults: dict[str, tuple[Pin, ...]]
    pin_data: dict[Pin, dict[str, Any]]  # backend-specific keys per pin (linux: chip, line)
    raw: dict[str, Any] = field(repr=False)

    @property
    def adc_bits(self) -> int:
        return int(self.raw.get("adc_bits", 16))

    @property
    def drive_size(self) -> int | None:
        """Bytes of the board's CIRCUITPY drive (None: the VM's default)."""
        v = self.raw.get("drive_size")
        return int(v) if v is not None else None

    @property
    def display(self) -> dict[str, Any] | None:
        """The built-in display's ``[display]`` table (pin names checked), or None."""
        return self.raw.get("display")

    @property
    def reference_voltage(self) -> float:
        return float(self.raw.get("reference_voltage", 3.3))


def shipped_layouts() -> list[str]:
    """Board file names (without .toml) in hal/boards/."""
    return sorted(p.stem for p in BOARDS_DIR.glob("*.toml"))


def resolve_layout_path(layout: str) -> Path:
    """A shipped board name or a path to a .toml file -> the file's path (HalError if missing)."""
    if layout.endswith(".toml") or "/" in layout:
        path = Path(layout)
    else:
        path = BOARDS_DIR / f"{layout}.toml"
    if not path.is_file():
        known = ", ".join(shipped_layouts())
        raise HalError(f"unknown board layout {layout!r} (known: {known}; or give a .toml path)")
    return path


def load_layout(layout: str, *, make_id=None) -> Layout:
    """Parse a board file.  ``make_id(key, number, data)`` gives each Pin its backend id
    (default: the GPIO number).  Errors are one-line HalErrors naming the file."""
    path = resolve_layout_path(layout)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise HalError(f"{path}: {exc}") from None

    def bad(msg: str) -> HalError:
        return HalError(f"{path}: {msg}")

    pin_table = raw.get("pins")
    if not isinstance(pin_table, dict) or not pin_table:
        raise bad("no [pins] table")
    features = raw.get("features", {})
    if not isinstance(features, dict):
        raise bad("[features] must be a table")
    for feat, keys in features.items():
        if feat not in FEATURES:
            raise bad(f"unknown feature {feat!r} (known: {', '.join(FEATURES)})")
        if keys != "all" and not (isinstance(keys, list) and all(k in pin_table for k in keys)):
            raise bad(f'features.{feat} must be "all" or a list of [pins] keys')

    pins: dict[str, Pin] = {}
    ordered: list[Pin] = []
    pin_data: dict[Pin, dict[str, Any]] = {}
    for key, spec in pin_table.items():
        data: dict[str, Any] = {}
        if isinstance(spec, dict):
            data = {k: v for k, v in spec.items() if k != "names"}
            names = spec.get("names")
        else:
            names = spec
        if not (isinstance(names, list) and names and all(isinstance(n, str) for n in names)):
            raise bad(f"pins.{key}: expected a non-empty list of names")
        m = re.fullmatch(r"(?:GPIO|GP|P)(\d+)", key)
        number = int(data.get("number", m.group(1))) if (m or "number" in data) else None
        feats = frozenset(f for f, keys in features.items() if keys == "all" or key in keys)
        pid = make_id(key, number, data) if make_id else number
        pin = Pin(name=names[0], number=number, id=pid, aliases=tuple(names), features=feats)
        for n in names:
            if n in pins:
                raise bad(f"pin name {n!r} used twice")
            pins[n] = pin
        ordered.append(pin)
        pin_data[pin] = data

    defaults: dict[str, tuple[Pin, ...]] = {}
    arity = {"i2c": 2, "spi": 3, "uart": 2}
    for bus, names in raw.get("defaults", {}).items():
        if bus not in arity:
            raise bad(f"defaults.{bus}: unknown bus (known: i2c, spi, uart)")
        if not (isinstance(names, list) and len(names) == arity[bus]):
            raise bad(f"defaults.{bus}: expected {arity[bus]} pin names")
        try:
            defaults[bus] = tuple(pins[n] for n in names)
        except KeyError as exc:
            raise bad(f"defaults.{bus}: no pin named {exc.args[0]!r}") from None
    _check_display(raw.get("display"), pins, bad)
    return Layout(
        name=str(raw.get("name", path.stem)),
        board_id=str(raw.get("board_id", path.stem)),
        path=path,
        pins=pins,
        ordered=ordered,
        defaults=defaults,
        pin_data=pin_data,
        raw=raw,
    )
