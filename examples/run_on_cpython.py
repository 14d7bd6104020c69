"""Run an example under plain CPython with jitvm's hardware modules: a stand-in until `jitvm run`.

    python examples/run_on_cpython.py examples/blink
    python examples/run_on_cpython.py examples/sensor_display --lib /tmp/pylib   # drivers as .py

The example's ``code.py`` (CircuitPython) or ``main.py`` (MicroPython) runs on a sim board with
its ``scenario.toml``; the guest module names (``board``, ``digitalio``, ``time``, ``machine`` ...)
are bound to ``jitvm.modules`` in ``sys.modules`` (so run it in its own process: the host's
``time`` is replaced), and a tiny ``micropython`` module provides ``const``.  At the end it
prints one ``device <name> <state as JSON>`` line per virtual device.
"""

from __future__ import annotations

import argparse
import importlib
import json
import runpy
import sys
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUEST_MODULES = (
    "board",
    "digitalio",
    "analogio",
    "busio",
    "pwmio",
    "microcontroller",
    "neopixel_write",
    "keypad",
    "machine",
    "time",
)


def _micropython_stub(hw) -> types.ModuleType:
    mod = types.ModuleType("micropython")
    mod.const = lambda value: value
    mod.schedule = lambda func, arg: (
        hw.queue_soft(func, arg) or (_ for _ in ()).throw(RuntimeError("schedule queue full"))
    )
    mod.alloc_emergency_exception_buf = lambda size: None
    mod.native = mod.viper = lambda func: func
    return mod


def _typing_stub(name: str) -> types.ModuleType:
    """CPython evaluates annotations (MicroPython does not): give drivers' type names a value."""
    mod = types.ModuleType(name)
    mod.__getattr__ = lambda attr: object  # type: ignore[attr-defined]
    mod.__path__ = []  # a package, so `circuitpython_typing.device_drivers` imports too
    return mod


def run(example: Path, lib: Path | None, layout: str) -> int:
    sys.path.insert(0, str(ROOT))
    import hal
    from jitvm.modules import _hw

    program = example / "code.py"
    flavor = "circuitpython"
    if not program.exists():
        program, flavor = example / "main.py", "micropython"
    scenario = example / "scenario.toml"
    board = hal.open_board(
        "sim", layout=layout, scenario=str(scenario) if scenario.exists() else None
    )
    _hw.set_board(board)
    _hw.set_flavor(flavor)
    guests = {name: importlib.import_module(f"jitvm.modules.{name}") for name in GUEST_MODULES}
    sys.modules.update(guests)  # from here on `import time` is the board's time
    sys.modules["micropython"] = _micropython_stub(_hw)
    for name in ("circuitpython_typing", "circuitpython_typing.device_drivers"):
        sys.modules[name] = _typing_stub(name)
    sys.modules["framebuf"] = None  # type: ignore[assignment]  # no builtin framebuf: use adafruit_framebuf
    for folder in (lib, example / "lib", example):
        if folder is not None:
            sys.path.insert(0, str(folder))
    status = 0
    try:
        runpy.run_path(str(program), run_name="__main__")
    except _hw.ResetRequested as exc:
        print(f"reset requested ({exc.kind})")
    finally:
        for name, device in board.devices.items():
            print("device", name, json.dumps(device.state(), sort_keys=True, default=str))
        _hw.reset()
        board.close()
    return status


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("example", type=Path)
    parser.add_argument(
        "--lib", type=Path, help="folder with the drivers as .py (fetch_libs --source)"
    )
    parser.add_argument("--layout", default="generic")
    args = parser.parse_args(argv)
    return run(args.example.resolve(), args.lib, args.layout)


if __name__ == "__main__":
    sys.exit(main())
