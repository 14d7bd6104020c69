"""Builds a board's lib/ folder: compiles installed CircuitPython driver sources to .mpy."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from .compiler import compile_file

# the Adafruit drivers the examples and tests use (PyPI packages in the `demo`/`test` extras)
DEMO_MODULES = ("adafruit_bme280", "adafruit_ssd1306", "adafruit_bus_device", "adafruit_framebuf",
                "adafruit_register")
# the networking libraries (test extra): examples/weather_station and tests/net use them
NET_MODULES = ("adafruit_requests", "adafruit_connection_manager", "adafruit_minimqtt",
               "adafruit_ntp", "adafruit_ticks")


class LibraryMissing(Exception):
    """A driver module is not installed in this Python environment."""


def module_sources(name: str) -> list[tuple[str, Path]]:
    """(path inside lib/, source file) for an installed module or package, without importing it."""
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None and not spec.submodule_search_locations:
        raise LibraryMissing(f"{name} is not installed (pip install '.[demo]')")
    if spec.submodule_search_locations:
        root = Path(next(iter(spec.submodule_search_locations)))
        return [(str(Path(name) / p.relative_to(root)), p) for p in sorted(root.rglob("*.py"))]
    return [(f"{name}.py", Path(spec.origin))]


def build_lib(lib: Path, modules: tuple[str, ...] = DEMO_MODULES, *, as_source: bool = False) -> list[Path]:
    """Compile (or copy) each module's sources into ``lib``; returns the files written."""
    written = []
    for name in modules:
        for rel, src in module_sources(name):
            out = lib / rel
            out.parent.mkdir(parents=True, exist_ok=True)
            if as_source:
                out.write_bytes(src.read_bytes())
            else:
                out = out.with_suffix(".mpy")
                compile_file(str(src), str(out), source_name=rel)
            written.append(out)
    return written
