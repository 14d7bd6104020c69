"""`jitvm demo` (make demo): the sensor + display example on the simulated board.

Copies examples/sensor_display to a drive folder, compiles the unmodified Adafruit BME280
and SSD1306 drivers (installed from PyPI) to .mpy in its lib/, runs code.py there with the
scenario's virtual BME280 and SSD1306, and writes the display frame (PNG) and a VCD trace.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

# the example ships inside the package (jitvm/demo_example links to examples/sensor_display in
# the source tree; a wheel holds the files), so `jitvm demo` works from any install
EXAMPLE = Path(__file__).resolve().parent / "demo_example"


def main(args: argparse.Namespace) -> int:
    from .cli import build_parser
    from .libs import LibraryMissing, build_lib
    from .runner import run_cli

    out = Path(args.out).resolve()
    drive = out / "CIRCUITPY"
    if drive.exists():
        shutil.rmtree(drive)
    shutil.copytree(EXAMPLE, drive, ignore=shutil.ignore_patterns("lib", "*.png", "*.vcd"))
    try:
        libs = build_lib(drive / "lib")
    except LibraryMissing as e:
        print(f"jitvm demo: {e}", file=sys.stderr)
        return 2
    print(f"== drive {drive}: code.py + {len(libs)} driver files compiled to .mpy in lib/")
    run_args = build_parser().parse_args([
        "run", str(drive), "--scenario", str(drive / "scenario.toml"),
        "--vcd", str(out / "trace.vcd"), "--png-dir", str(out)])
    status = run_cli(run_args)
    print(f"== display frame: {out / 'oled.png'}   waveform: {out / 'trace.vcd'} (GTKWave/PulseView)")
    return status
